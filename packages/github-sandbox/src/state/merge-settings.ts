/**
 * The repository's pull request settings (Settings → General → Pull Requests), as
 * `PATCH /repos/{owner}/{repo}` writes them. Defaults are a new repository's on GitHub.
 */
export interface MergeSettings {
  allowMergeCommit: boolean;
  allowSquashMerge: boolean;
  allowRebaseMerge: boolean;
  /** "Always suggest updating pull request branches": the web UI's suggestion only, the API's update-branch works either way */
  allowUpdateBranch: boolean;
}

export const defaultMergeSettings = (): MergeSettings => ({
  allowMergeCommit: true,
  allowSquashMerge: true,
  allowRebaseMerge: true,
  allowUpdateBranch: false,
});

export type MergeMethod = "merge" | "squash" | "rebase";

/** GitHub's 405 message for a `PUT /pulls/{n}/merge` with a method the repository has turned off. */
export function mergeMethodRefusal(settings: MergeSettings, method: MergeMethod): string | undefined {
  if (method === "merge" && !settings.allowMergeCommit) return "Merge commits are not allowed on this repository.";
  if (method === "squash" && !settings.allowSquashMerge) return "Squash merges are not allowed on this repository.";
  if (method === "rebase" && !settings.allowRebaseMerge) return "Rebase merges are not allowed on this repository.";
  return undefined;
}
