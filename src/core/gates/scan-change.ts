import { compileScanOptions } from "../secrets/compile-scan-options.js";
import type { ScanOptions } from "../secrets/secret-finding.js";
import { scanChangeCompiled, unscannedReason } from "./scan-change-compiled.js";
import type { ChangeScan, ChangeText } from "./scan-change-compiled.js";

export type { ChangeScan, ChangeText, FilePatch } from "./scan-change-compiled.js";
export { scanChangeCompiled, unscannedReason };

/**
 * Secrets in a change (see {@link scanChangeCompiled}), with the allowlist compiled here: the
 * paths by scope's compiler, loaded with this module.
 */
export function scanChange(
  change: ChangeText,
  options: ScanOptions,
  commits: readonly { sha: string; message: string }[] = [],
): ChangeScan {
  return scanChangeCompiled(change, compileScanOptions(options), commits);
}
