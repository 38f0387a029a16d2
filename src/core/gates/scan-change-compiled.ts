// the secret scanner's compiled entry points: the caller compiles the allowlist once, with a path
// compiler only when it lists paths, so that a change scanned without one loads no minimatch
import type { CompiledScanOptions } from "../secrets/compile-scan-options-with.js";
import { scanDiffCompiled, scanPatchCompiled } from "../secrets/scan-diff-compiled.js";
import { scanTextCompiled } from "../secrets/scan-text-compiled.js";
import type { SecretFinding } from "../secrets/secret-finding.js";
import { inlineCode } from "../scope/inline-code.js";

/**
 * One file's diff as GitHub's compare and list-PR-files APIs return it (`files[]`): a
 * `ChangedFile` fits. GitHub leaves `patch` out for binary files and for diffs too large to show.
 */
export interface FilePatch {
  filename: string;
  status?: string;
  patch?: string;
  additions?: number;
  binary?: boolean;
  /** a binary file's printable text, when the caller read its blob */
  binaryText?: string;
  /** a text file's added lines as hunks, when GitHub sent no patch and the caller read the file */
  addedPatch?: string;
}

/**
 * The text the secret gate reads: a unified `git diff` (the CLI) or per-file patches (the app).
 * Either covers the whole change, the task file included: its brief comes from the issue.
 */
export type ChangeText =
  | { unifiedDiff: string; patches?: never }
  | { patches: readonly FilePatch[]; unifiedDiff?: never };

export interface ChangeScan {
  findings: SecretFinding[];
  /** files with added lines but no patch: their lines were not scanned */
  unscanned: string[];
  /** binary files added or changed whose content was not read: not scanned either */
  unscannedBinary?: string[];
}

/**
 * Secrets in a change: the added lines, the text of binary files when the caller read them (a
 * file starting with a NUL byte is "binary" to git, so its diff is empty), and the messages of
 * the change's commits, which the agent writes and the concordance summary quotes. The
 * allowlist comes compiled (`compileScanOptionsWith`), once for the whole change.
 */
export function scanChangeCompiled(
  change: ChangeText,
  options: CompiledScanOptions,
  commits: readonly { sha: string; message: string }[] = [],
): ChangeScan {
  const findings: SecretFinding[] = commits.flatMap((commit) =>
    scanTextCompiled(commit.message, `commit message ${commit.sha.slice(0, 7)}`, options).map((finding) => ({
      ...finding,
      commit: commit.sha,
    })),
  );
  if (change.unifiedDiff !== undefined)
    return { findings: [...findings, ...scanDiffCompiled(change.unifiedDiff, options)], unscanned: [] };
  const unscanned: string[] = [];
  const unscannedBinary: string[] = [];
  for (const file of change.patches) {
    if (file.patch !== undefined) findings.push(...scanPatchCompiled(file.filename, file.patch, options));
    else if (file.binary) {
      // a binary file has no lines to diff: its printable text is scanned whole, or it is reported
      if (file.binaryText !== undefined) findings.push(...scanTextCompiled(file.binaryText, file.filename, options));
      else if (file.status !== "removed") unscannedBinary.push(file.filename);
    }
    // a text file with additions and no patch was too large to show: scanned when the caller read it
    else if (file.addedPatch !== undefined)
      findings.push(...scanPatchCompiled(file.filename, file.addedPatch, options));
    else if ((file.additions ?? 0) > 0) unscanned.push(file.filename);
  }
  return { findings, unscanned, unscannedBinary };
}

function fileList(paths: readonly string[]): string {
  const shown = paths.slice(0, 5).map(inlineCode).join(", ");
  const more = paths.length > 5 ? ` and ${paths.length - 5} more` : "";
  return `${paths.length === 1 ? "1 file" : `${paths.length} files`} (${shown}${more})`;
}

/** Why the secret scan could not see everything, or undefined when it could. */
export function unscannedReason(
  unscanned: readonly string[],
  unscannedBinary: readonly string[] = [],
): string | undefined {
  const reasons: string[] = [];
  if (unscanned.length > 0)
    reasons.push(`GitHub sent no diff for ${fileList(unscanned)}, as it does for diffs too large to show`);
  if (unscannedBinary.length > 0) {
    reasons.push(
      `${fileList(unscannedBinary)} changed as binary (git calls a file binary when it holds a NUL byte) and their content could not be read`,
    );
  }
  return reasons.length > 0 ? reasons.join("; ") : undefined;
}
