import type { ChangedFile, ChangedFileStatus } from "../core/changed-file.js";

/** The fields of a GitHub diff entry (`compare` and `pulls.listFiles` `files[]`) the app reads. */
export interface GithubDiffEntry {
  filename: string;
  status: string;
  additions: number;
  deletions: number;
  changes?: number;
  patch?: string | null;
  previous_filename?: string;
  /** the blob at head (absent on some listings) */
  sha?: string | null;
}

const statuses: readonly ChangedFileStatus[] = [
  "added",
  "removed",
  "modified",
  "renamed",
  "copied",
  "changed",
  "unchanged",
];

/**
 * A GitHub diff entry as our `ChangedFile`. GitHub does not flag binary files; it sends them
 * without a patch and with no line counts, which is how they are recognised here (an empty file
 * looks the same, and has nothing to scan either). A pure rename has no patch but is not binary.
 */
export function mapChangedFile(entry: GithubDiffEntry): ChangedFile {
  const status = (statuses as readonly string[]).includes(entry.status)
    ? (entry.status as ChangedFileStatus)
    : "modified";
  const patch = typeof entry.patch === "string" ? entry.patch : undefined;
  const counted = entry.additions + entry.deletions > 0;
  const pureMove = (status === "renamed" || status === "copied" || status === "unchanged") && !counted;
  return {
    filename: entry.filename,
    status,
    ...(entry.previous_filename === undefined ? {} : { previous_filename: entry.previous_filename }),
    additions: entry.additions,
    deletions: entry.deletions,
    ...(patch === undefined ? {} : { patch }),
    ...(patch === undefined && !counted && !pureMove ? { binary: true } : {}),
  };
}
