import type { TreeEntry } from "../../git/index.js";
import type { RepoState } from "../../state/index.js";

/** What a path names in a commit: an entry with its full path, and for a directory its children. */
export interface PathLookup {
  entry: TreeEntry;
  /** a directory's entries, full paths, in git's order */
  children?: TreeEntry[];
}

/**
 * Finds `path` (no leading or trailing slash; empty for the root) in a commit's tree, one tree
 * level at a time, so only the trees on the way are read. Undefined when nothing is there.
 */
export async function lookUpPath(repo: RepoState, commitSha: string, path: string): Promise<PathLookup | undefined> {
  const root = await repo.git.getTree(commitSha);
  if (root === undefined) return undefined;
  const segments = path === "" ? [] : path.split("/");
  let entry: TreeEntry = { path: "", mode: "040000", type: "tree", sha: root.sha };
  let listing = root.tree;
  for (const [index, segment] of segments.entries()) {
    const next = listing.find((candidate) => candidate.path === segment);
    if (next === undefined) return undefined;
    entry = { ...next, path: segments.slice(0, index + 1).join("/") };
    if (index === segments.length - 1) break;
    if (next.type !== "tree") return undefined;
    const tree = await repo.git.getTree(next.sha);
    if (tree === undefined) return undefined;
    listing = tree.tree;
  }
  if (entry.type !== "tree") return { entry };
  const children = entry.path === "" ? listing : ((await repo.git.getTree(entry.sha))?.tree ?? []);
  const prefix = entry.path === "" ? "" : `${entry.path}/`;
  return { entry, children: children.map((child) => ({ ...child, path: `${prefix}${child.path}` })) };
}
