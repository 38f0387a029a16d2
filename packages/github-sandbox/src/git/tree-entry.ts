export type TreeEntryMode = "100644" | "100755" | "040000" | "160000" | "120000";
export type TreeEntryType = "blob" | "tree" | "commit";

/** One entry of GitHub's `POST /git/trees` body. */
export interface TreeEntryInput {
  /** may be nested (`src/a/b.ts`); the trees in between are created or updated */
  path: string;
  mode: TreeEntryMode;
  type: TreeEntryType;
  /** the object to place; null deletes the path (file or directory) from `base_tree` */
  sha?: string | null;
  /** the file's content as UTF-8 text; written as a blob. Either this or `sha`. */
  content?: string;
}

/** One entry of a tree as GitHub returns it; `size` only for blobs. */
export interface TreeEntry {
  path: string;
  mode: string;
  type: TreeEntryType;
  sha: string;
  size?: number;
}

/** Parses `git ls-tree -z --long` output: `<mode> <type> <sha> <size>\t<path>\0`. */
export function parseLsTree(out: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of out.toString("utf8").split("\0")) {
    if (record === "") continue;
    const tab = record.indexOf("\t");
    const meta = record
      .slice(0, tab)
      .split(" ")
      .filter((part) => part !== "");
    const [mode = "", type = "", sha = "", size = "-"] = meta;
    const entry: TreeEntry = { path: record.slice(tab + 1), mode, type: type as TreeEntryType, sha };
    if (size !== "-") entry.size = Number(size);
    entries.push(entry);
  }
  return entries;
}

/** The mode each entry type must have; GitHub refuses a blob with mode 040000 and the like. */
export const modesByType: Readonly<Record<TreeEntryType, readonly string[]>> = {
  blob: ["100644", "100755", "120000"],
  tree: ["040000"],
  commit: ["160000"],
};
