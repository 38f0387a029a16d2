import { scanDiff, scanPatch } from "../secrets/index.js";
import type { ScanOptions, SecretFinding } from "../secrets/index.js";
import { inlineCode } from "../scope/inline-code.js";

/**
 * One file's diff as GitHub's compare and list-PR-files APIs return it (`files[]`): a
 * `ChangedFile` fits. GitHub leaves `patch` out for binary files and for diffs too large to show.
 */
export interface FilePatch {
  filename: string;
  patch?: string;
  additions?: number;
  binary?: boolean;
}

/**
 * The text the secret gate reads: a unified `git diff` (the CLI) or per-file patches (the app).
 * Either covers the whole change, the task file included: its brief comes from the issue.
 */
export type ChangeText = { unifiedDiff: string; patches?: never } | { patches: readonly FilePatch[]; unifiedDiff?: never };

export interface ChangeScan {
  findings: SecretFinding[];
  /** files with added lines but no patch: their lines were not scanned */
  unscanned: string[];
}

export function scanChange(change: ChangeText, options: ScanOptions): ChangeScan {
  if (change.unifiedDiff !== undefined) return { findings: scanDiff(change.unifiedDiff, options), unscanned: [] };
  const findings: SecretFinding[] = [];
  const unscanned: string[] = [];
  for (const file of change.patches) {
    if (file.patch !== undefined) findings.push(...scanPatch(file.filename, file.patch, options));
    // a binary file has no lines; a text file with additions and no patch was too large to show
    else if (!file.binary && (file.additions ?? 0) > 0) unscanned.push(file.filename);
  }
  return { findings, unscanned };
}

/** Why the secret scan could not see everything, or undefined when it could. */
export function unscannedReason(unscanned: readonly string[]): string | undefined {
  if (unscanned.length === 0) return undefined;
  const shown = unscanned.slice(0, 5).map(inlineCode).join(", ");
  const more = unscanned.length > 5 ? ` and ${unscanned.length - 5} more` : "";
  const files = unscanned.length === 1 ? "1 file" : `${unscanned.length} files`;
  return `GitHub sent no diff for ${files} (${shown}${more}), as it does for diffs too large to show`;
}
