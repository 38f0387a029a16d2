import type { PullCommit } from "../../github/index.js";
import { codeSpan } from "../../core/markdown-text.js";

/** The records branch against the default branch, as `GET /compare/{default}...{records}` answered it. */
export interface RecordsBranchCompared {
  totalCommits: number;
  commits: readonly PullCommit[];
  files: readonly { filename: string; previous_filename?: string }[];
}

/** What the records branch holds that is not the app's records: empty lists when it holds none. */
export interface ForeignRecordsChanges {
  /** commits the app did not make, by sha (oldest first; `?` for one GitHub named no sha for) */
  commits: string[];
  /** paths changed (or renamed away) that are not the records' */
  paths: string[];
  /** the answer did not list every commit or file (over 100 commits, 300 files): nothing of it is vouched for */
  incomplete: boolean;
}

/** GitHub lists at most 300 files of a compare: an answer with that many may leave some out. */
const compareFileCap = 300;

/**
 * The records branch's foreign changes: every commit `isOwn` does not vouch for, and every path
 * outside `recordsPaths` (a rename counts by both names: renaming `src/auth.ts` onto
 * `docs/PROGRESS.md` deletes the first). The paths are what keeps a writer's code out of the
 * records pull request; the commits keep out a writer's edits of the records themselves.
 */
export function foreignRecordsChanges(
  compared: RecordsBranchCompared,
  recordsPaths: readonly string[],
  isOwn: (commit: PullCommit) => boolean,
): ForeignRecordsChanges {
  const records = new Set(recordsPaths);
  const paths = new Set<string>();
  for (const file of compared.files)
    for (const path of [file.filename, file.previous_filename])
      if (path !== undefined && !records.has(path)) paths.add(path);
  return {
    commits: compared.commits.filter((commit) => !isOwn(commit)).map((commit) => commit.sha ?? "?"),
    paths: [...paths].sort(),
    incomplete: compared.totalCommits > compared.commits.length || compared.files.length >= compareFileCap,
  };
}

/** Whether the records branch must start afresh: it holds anything but the app's records. */
export const holdsForeign = (found: ForeignRecordsChanges): boolean =>
  found.incomplete || found.commits.length > 0 || found.paths.length > 0;

/** A list of code spans, the first `limit` shown and the rest counted. */
function spans(items: readonly string[], limit: number): string {
  const shown = items.slice(0, limit).map((item) => codeSpan(item));
  const more = items.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}

/**
 * The records pull request's comment when its branch was started afresh (from the default branch,
 * or at `kept`, the app's last head of records alone): which commits and paths were dropped (shas
 * and paths as code spans: a path is whatever the pusher chose), and where such changes belong.
 */
export function droppedRecordsComment(found: ForeignRecordsChanges, defaultBranch: string, kept?: string): string {
  const from =
    kept === undefined
      ? `from ${codeSpan(defaultBranch)}`
      : `at ${codeSpan(kept.slice(0, 7))}, the app's last head of its records alone`;
  const lines = [
    `Autopilot started this branch afresh ${from}: it held changes the app did not make, and this pull request carries the app's records alone, so merging it never lands anything the review and gates did not see.`,
    "",
  ];
  if (found.commits.length > 0) lines.push(`- Dropped commits: ${spans(found.commits, 20)}`);
  if (found.paths.length > 0) lines.push(`- Dropped changes to paths outside the records: ${spans(found.paths, 30)}`);
  if (found.incomplete) lines.push("- GitHub did not list the whole difference (too many commits or files).");
  lines.push(
    "",
    "A change meant for the repository belongs in a pull request of its own, where it gets the same checks as any other.",
  );
  return lines.join("\n");
}
