import { isSha } from "./object-name.js";
import { runGit } from "./run-git.js";

/**
 * A merge commit (more than one parent) that `tip` brings and `since` does not have; `since`
 * undefined means none of the repository's branches has it (a new branch). Undefined when there
 * is none, or when `tip` is no commit.
 */
export async function firstMergeCommit(
  gitDir: string,
  tip: string,
  since: string | undefined,
): Promise<string | undefined> {
  if (!isSha(tip) || (since !== undefined && !isSha(since))) return undefined;
  const exclude = since === undefined ? ["--branches"] : [since];
  const result = await runGit(gitDir, ["rev-list", "--merges", "--max-count=1", tip, "--not", ...exclude]);
  if (result.code !== 0) return undefined;
  const sha = result.stdout.toString("utf8").trim();
  return sha === "" ? undefined : sha;
}
