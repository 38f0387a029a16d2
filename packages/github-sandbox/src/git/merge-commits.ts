import type { GitRepo } from "./read-objects.js";
import { formatIdent, serializeCommit } from "./commit-info.js";
import type { Person } from "./commit-info.js";
import { GitStoreError } from "./git-store-error.js";
import { mergeTree } from "./merge-tree.js";
import { isSha } from "./object-name.js";
import { statObjects } from "./read-objects.js";
import { rebaseCommits } from "./rebase-commits.js";
import { writeObject } from "./write-objects.js";

export interface MergeInput {
  /** the base branch's tip */
  base: string;
  /** the head branch's tip */
  head: string;
  method: "merge" | "squash" | "rebase";
  /** the new commit's message; a rebase keeps each commit's own */
  message: string;
  author?: Person;
  /** defaults to the author */
  committer?: Person;
}

export type MergeResult = { ok: true; sha: string; commits?: string[] } | { ok: false; conflicts: string[] };

/**
 * Merges head into base the way a pull request merge does, writing objects only: the caller moves
 * the branch (with `expectedOld: base`, so a base that moved meanwhile is not overwritten).
 * - merge: a commit with parents [base, head] on the three-way merged tree, even when head could
 *   be fast-forwarded, as GitHub always records a merge commit;
 * - squash: one commit with parent [base] on the same tree;
 * - rebase: head's commits replayed onto base one by one (see `rebaseCommits`).
 */
export async function mergeCommits(repo: GitRepo, input: MergeInput, identity: Person): Promise<MergeResult> {
  const { base, head, method } = input;
  if (!["merge", "squash", "rebase"].includes(method)) {
    const problem = `merge_method must be merge, squash or rebase, not ${String(method)}.`;
    throw new GitStoreError(422, `Invalid request.\n\n${problem}`);
  }
  const found = isSha(base) && isSha(head) ? await statObjects(repo, [base, head]) : [];
  if (found.length !== 2 || !found.every((header) => header?.type === "commit")) {
    throw new GitStoreError(422, "Object does not exist");
  }
  const now = new Date();
  const author = input.author ?? identity;
  const committer = formatIdent(input.committer ?? author, "committer", now);
  if (method === "rebase") return rebaseCommits(repo, base, head, committer);

  if (typeof input.message !== "string" || input.message.includes("\0")) {
    throw new GitStoreError(422, 'Invalid request.\n\n"message" must be a string without NUL characters.');
  }
  const merged = await mergeTree(repo.dir, base, head);
  if (!merged.ok) return merged;
  const content = serializeCommit({
    tree: merged.tree,
    parents: method === "merge" ? [base, head] : [base],
    author: formatIdent(author, "author", now),
    committer,
    extraHeaders: [],
    message: Buffer.from(input.message, "utf8"),
  });
  return { ok: true, sha: await writeObject(repo.dir, "commit", content) };
}
