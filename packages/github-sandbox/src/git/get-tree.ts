import type { GitRepo } from "./read-objects.js";
import { isSha } from "./object-name.js";
import { listTree } from "./read-tree.js";
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
  const listing = await listTree(repo, `${sha}^{tree}`, { recursive, sizes: true });
  if (listing === undefined) return undefined;
  const { tree } = listing;
  const truncated = tree.length > treeEntryLimit;
  return { sha: listing.sha, tree: truncated ? tree.slice(0, treeEntryLimit) : tree, truncated };
}
