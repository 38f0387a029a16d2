import { compileScanOptions } from "./compile-scan-options.js";
import { scanDiffCompiled, scanPatchCompiled } from "./scan-diff-compiled.js";
import type { ScanOptions, SecretFinding } from "./secret-finding.js";

export { scanDiffCompiled, scanPatchCompiled };

/** Secrets on the added lines of a multi-file `git diff`, with new-file paths and line numbers. */
export function scanDiff(unifiedDiff: string, options?: ScanOptions): SecretFinding[] {
  return scanDiffCompiled(unifiedDiff, compileScanOptions(options));
}

/** Secrets on the added lines of one file's hunks, as in GitHub's `files[].patch`. */
export function scanPatch(file: string, patch: string, options?: ScanOptions): SecretFinding[] {
  return scanPatchCompiled(file, patch, compileScanOptions(options));
}
