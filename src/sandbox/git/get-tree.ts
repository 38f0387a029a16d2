import type { GitRepo } from "./read-objects.js";
import { isSha } from "./object-name.js";
import { statObjects } from "./read-objects.js";
import { runGit } from "./run-git.js";
import { parseLsTree } from "./tree-entry.js";
import type { TreeEntry } from "./tree-entry.js";

/** GitHub stops a recursive listing at this many entries and says `truncated: true`. */
export const treeEntryLimit = 100_000;

/**
 * A tree as `GET /git/trees/{sha}[?recursive=1]` returns it; a commit sha lists the commit's
 * tree. A recursive listing includes the subtrees themselves, as GitHub's does.
 */
export async function getTree(
  repo: GitRepo,
  sha: string,
  recursive = false,
): Promise<{ sha: string; tree: TreeEntry[]; truncated: boolean } | undefined> {
  if (!isSha(sha)) return undefined;
  const treeish = `${sha}^{tree}`;
  const args = ["ls-tree", "-z", "--long", "--full-tree", ...(recursive ? ["-r", "-t"] : []), treeish];
  const [[header], listing] = await Promise.all([statObjects(repo, [treeish]), runGit(repo.dir, args)]);
  if (header === undefined || listing.code !== 0) return undefined;
  const tree = parseLsTree(listing.stdout);
  const truncated = tree.length > treeEntryLimit;
  return { sha: header.sha, tree: truncated ? tree.slice(0, treeEntryLimit) : tree, truncated };
}
