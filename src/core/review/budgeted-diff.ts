import type { ChangedFileStatus } from "../changed-file.js";
import type { LowValueKind } from "./classify-file.js";

/**
 * Why a file is missing from what the reviewers read, in whole (`budget`, a low-value kind,
 * `binary`, `no_patch`) or in part (`cut`: some hunks left out to fit the token budget).
 */
export type OmissionReason = LowValueKind | "binary" | "no_patch" | "budget" | "cut" | "not_listed";

export interface Omission {
  filename: string;
  reason: OmissionReason;
  /** for `cut`: which share was kept, e.g. "2 of 5 hunks shown" */
  detail?: string;
}

/** One file as the reviewers see it: the hunks that fit, sanitized (invisible characters marked). */
export interface BudgetedFile {
  filename: string;
  status: ChangedFileStatus;
  previous_filename?: string;
  additions: number;
  deletions: number;
  /** the kept hunks, each starting at its `@@` header */
  hunks: string[];
  totalHunks: number;
}

export interface BudgetedDiff {
  /** files shown, in the pull request's order */
  files: BudgetedFile[];
  /** every file left out or cut, in the pull request's order, with the reason */
  omitted: Omission[];
  /**
   * `full` when every text change is shown whole. Binary files do not make it partial: no text
   * model could read them, and they are still listed in `omitted`.
   */
  coverage: "full" | "partial";
  /** how many omissions the prompt names one by one (fewer only when the note itself had to shrink) */
  omissionsShown: number;
  /** the estimate of `renderBudgetedDiff(this)` */
  tokens: number;
  /** the limit the diff was fitted to */
  limit: number;
}

/** How many omitted files the prompt names one by one; the sticky comment lists them all. */
export const maxOmissionsInPrompt = 100;

/** The line that introduces a file in the prompt: status, size, rename, how much is shown. */
export function renderFileHeader(file: BudgetedFile): string {
  const parts = [`${file.status}, +${file.additions} -${file.deletions}`];
  if (file.previous_filename !== undefined) parts.push(`from ${file.previous_filename}`);
  if (file.totalHunks === 0) parts.push("no content change");
  else if (file.hunks.length < file.totalHunks) parts.push(`${file.hunks.length} of ${file.totalHunks} hunks shown`);
  return `### ${file.filename} (${parts.join("; ")})`;
}

/** The text of one file in the prompt: a header line, then its hunks. */
export function renderBudgetedFile(file: BudgetedFile): string {
  return [renderFileHeader(file), ...file.hunks].join("\n");
}

export function renderOmission(omission: Omission): string {
  return `- ${omission.filename}: ${omission.reason}${omission.detail === undefined ? "" : ` (${omission.detail})`}`;
}

/** The note that tells the reviewers what they are not seeing, so they do not judge it absent. */
export function renderOmissions(omitted: readonly Omission[], namesShown = maxOmissionsInPrompt): string {
  if (omitted.length === 0) return "";
  const shown = omitted.slice(0, namesShown).map(renderOmission);
  const more = omitted.length > namesShown ? [`- and ${omitted.length - namesShown} more`] : [];
  return [`### Not shown or cut (${omitted.length} file(s)): do not assume their content`, ...shown, ...more].join(
    "\n",
  );
}

/** The diff as it goes into the prompt (inside an untrusted-data fence). */
export function renderBudgetedDiff(diff: Pick<BudgetedDiff, "files" | "omitted" | "omissionsShown">): string {
  const blocks = diff.files.map(renderBudgetedFile);
  const note = renderOmissions(diff.omitted, diff.omissionsShown);
  if (note !== "") blocks.push(note);
  return blocks.length === 0 ? "(no changes)" : blocks.join("\n\n");
}
