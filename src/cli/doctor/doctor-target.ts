import type { ProbotOctokit } from "probot";

/** The repository `autopilot doctor` looks at, and the client it reads it with (the person's token). */
export interface Target {
  octokit: InstanceType<typeof ProbotOctokit>;
  owner: string;
  repo: string;
}

/** The HTTP status of an Octokit error, if it is one. */
export const statusOf = (error: unknown): number | undefined => (error as { status?: number } | null)?.status;

/** A file of the repository at `ref` as text; undefined when it does not exist. */
export async function readFile(
  { octokit, owner, repo }: Target,
  path: string,
  ref: string,
): Promise<string | undefined> {
  try {
    const response = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner,
      repo,
      path,
      ref,
      mediaType: { format: "raw" },
    });
    return String(response.data as unknown);
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}
