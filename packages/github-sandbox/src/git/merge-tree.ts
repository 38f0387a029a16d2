import { GitStoreError } from "./git-store-error.js";
import { gitFailure, runGit } from "./run-git.js";

export type MergeTreeResult = { ok: true; tree: string } | { ok: false; conflicts: string[] };

/**
 * A three-way merge of two commits on their merge base with git's ort strategy, GitHub's own,
 * written as a tree without touching any ref or work tree. Conflicts come back as the sorted
 * paths git could not merge.
 */
export async function mergeTree(gitDir: string, ours: string, theirs: string): Promise<MergeTreeResult> {
  const args = ["merge-tree", "--write-tree", "-z", "--name-only", ours, theirs];
  const result = await runGit(gitDir, args);
  // -z output: <tree> NUL, then (on conflict) each conflicted path NUL, an empty field, the messages
  const fields = result.stdout.toString("utf8").split("\0");
  if (result.code === 0) return { ok: true, tree: fields[0] ?? "" };
  if (result.code === 1) {
    const end = fields.indexOf("", 1);
    const paths = fields.slice(1, end < 0 ? fields.length : end);
    return { ok: false, conflicts: [...new Set(paths)].sort() };
  }
  if (/unrelated histories/.test(result.stderr)) {
    throw new GitStoreError(422, "The branches share no history to merge");
  }
  throw gitFailure(args, result);
}
