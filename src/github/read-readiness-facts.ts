import type { BranchRule } from "../core/doctor/index.js";
import type { GithubClient, RepoRef } from "./client.js";
import { statusOf } from "./errors.js";

/**
 * The permissions the installation grants, as its token says (the token GitHub issued lists them):
 * no request, the client already holds the token. Undefined for a client that is not an
 * installation's (a plain token), or when its auth does not say.
 */
export async function installationPermissions(octokit: GithubClient): Promise<Record<string, string> | undefined> {
  const auth = (await octokit.auth({ type: "installation" })) as { permissions?: unknown } | undefined;
  const permissions = auth?.permissions;
  if (typeof permissions !== "object" || permissions === null) return undefined;
  return Object.fromEntries(
    Object.entries(permissions).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

/**
 * The ruleset rules that apply to a branch (`GET /repos/{owner}/{repo}/rules/branches/{branch}`,
 * readable with `metadata: read`); undefined when GitHub does not answer it (404: a server
 * without rulesets; 403).
 */
export async function readBranchRules(
  octokit: GithubClient,
  { owner, repo, branch }: RepoRef & { branch: string },
): Promise<BranchRule[] | undefined> {
  try {
    const route = "GET /repos/{owner}/{repo}/rules/branches/{branch}";
    const response = await octokit.request(route, { owner, repo, branch, per_page: 100, request: { retries: 0 } });
    return response.data as BranchRule[];
  } catch (error) {
    if (statusOf(error) === 404 || statusOf(error) === 403) return undefined;
    throw error;
  }
}

/**
 * How the app may bypass a ruleset, as GitHub tells the caller (`current_user_can_bypass` of
 * `GET /repos/{owner}/{repo}/rulesets/{id}`, organization rulesets included): `always`, `exempt`,
 * `pull_requests_only` or `never`; undefined when GitHub does not say (404, 403, an older server).
 */
export async function readRulesetBypass(
  octokit: GithubClient,
  { owner, repo }: RepoRef,
  rulesetId: number,
): Promise<string | undefined> {
  try {
    const route = "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}";
    const params = { owner, repo, ruleset_id: rulesetId, includes_parents: true, request: { retries: 0 } };
    const { data } = await octokit.request(route, params);
    return (data as { current_user_can_bypass?: string }).current_user_can_bypass;
  } catch (error) {
    if (statusOf(error) === 404 || statusOf(error) === 403) return undefined;
    throw error;
  }
}
