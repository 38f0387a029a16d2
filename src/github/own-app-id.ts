import type { GithubClient } from "./client.js";

/**
 * The id of the GitHub App an installation client acts for, known without asking GitHub: the
 * app's own credentials hold it (`auth({ type: "app" })` signs a JWT locally). Undefined for a
 * client that is not an app's (a plain token), which then has no check runs of its own.
 */
export async function ownAppId(octokit: GithubClient): Promise<number | undefined> {
  const auth = (await octokit.auth({ type: "app" })) as { appId?: number | string };
  const id = Number(auth.appId);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}
