import type { GitRepo } from "./read-objects.js";
import type { TreeEntry, TreeEntryType } from "./tree-entry.js";

/** One entry of a tree object as git stores it: the name is one path segment. */
export interface TreeObjectEntry {
  name: string;
  /** six digits, as `git ls-tree` prints it: `040000`, `100644` */
  mode: string;
  type: TreeEntryType;
  sha: string;
}

const shaBytes = 20;

/**
 * Parses a tree object's content: `<octal mode> <name>\0<20-byte sha>`, repeated. Names are
 * decoded as UTF-8, as `git ls-tree` output was; the order is git's, which `ls-tree` keeps.
 */
export function parseTreeObject(content: Buffer): TreeObjectEntry[] {
  const entries: TreeObjectEntry[] = [];
  let offset = 0;
  while (offset < content.length) {
    const space = content.indexOf(0x20, offset);
    const nul = space < 0 ? -1 : content.indexOf(0, space + 1);
    if (space < 0 || nul < 0 || nul + 1 + shaBytes > content.length) throw new Error("malformed tree object");
    const rawMode = content.subarray(offset, space).toString("latin1");
    if (!/^[0-7]{5,6}$/.test(rawMode)) throw new Error(`malformed tree object: mode ${JSON.stringify(rawMode)}`);
    const mode = rawMode.padStart(6, "0");
    const type: TreeEntryType = mode === "040000" ? "tree" : mode === "160000" ? "commit" : "blob";
    const name = content.subarray(space + 1, nul).toString("utf8");
    const sha = content.subarray(nul + 1, nul + 1 + shaBytes).toString("hex");
    entries.push({ name, mode, type, sha });
    offset = nul + 1 + shaBytes;
  }
  return entries;
}

export interface ListTreeOptions {
  /** descend into subtrees, listing each subtree before its content (`ls-tree -r -t`) */
  recursive?: boolean;
  /** give blobs their size (`ls-tree --long`); costs one header lookup per listing level */
  sizes?: boolean;
}

/**
 * What `git ls-tree -z [--long] [-r -t] --full-tree <treeish>` lists, read through the repository's
 * persistent cat-file instead of a process per listing; undefined if `treeish` names no tree.
 */
export async function listTree(
  repo: GitRepo,
  treeish: string,
  options: ListTreeOptions = {},
): Promise<{ sha: string; tree: TreeEntry[] } | undefined> {
  const [root] = await repo.objects.read([treeish]);
  if (root?.type !== "tree") return undefined;
  return { sha: root.sha, tree: await expand(repo, root.content, "", options) };
}

async function expand(repo: GitRepo, content: Buffer, prefix: string, options: ListTreeOptions): Promise<TreeEntry[]> {
  const entries: TreeEntry[] = parseTreeObject(content).map(({ name, mode, type, sha }) => ({
    path: `${prefix}${name}`,
    mode,
    type,
    sha,
  }));
  const blobs = options.sizes ? entries.filter((entry) => entry.type === "blob") : [];
  const trees = options.recursive ? entries.filter((entry) => entry.type === "tree") : [];
  const [headers, subtrees] = await Promise.all([
    repo.objects.stat(blobs.map((entry) => entry.sha)),
    repo.objects.read(trees.map((entry) => entry.sha)),
  ]);
  blobs.forEach((entry, index) => {
    const header = headers[index];
    if (header === undefined) throw new Error(`blob ${entry.sha} of ${entry.path} is missing`);
    entry.size = header.size;
  });
  const children = await Promise.all(
    trees.map((entry, index) => {
      const subtree = subtrees[index];
      if (subtree?.type !== "tree") throw new Error(`tree ${entry.sha} of ${entry.path} is missing`);
      return expand(repo, subtree.content, `${entry.path}/`, options);
    }),
  );
  const childrenOf = new Map(trees.map((entry, index) => [entry, children[index] ?? []]));
  return entries.flatMap((entry) => [entry, ...(childrenOf.get(entry) ?? [])]);
}

/**
 * The entry at `path` in a tree (walking one tree object per segment), or undefined if a segment
 * is missing or not a directory.
 */
export async function findTreeEntry(
  repo: GitRepo,
  treeish: string,
  path: string,
): Promise<TreeObjectEntry | undefined> {
  const segments = path.split("/");
  let [tree] = await repo.objects.read([treeish]);
  for (const [index, segment] of segments.entries()) {
    if (tree?.type !== "tree") return undefined;
    const entry = parseTreeObject(tree.content).find((candidate) => candidate.name === segment);
    if (entry === undefined || index === segments.length - 1) return entry;
    if (entry.type !== "tree") return undefined;
    [tree] = await repo.objects.read([entry.sha]);
  }
  return undefined;
}
