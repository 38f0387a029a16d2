import { compileScanOptions } from "./compile-scan-options.js";
import { scanTextCompiled } from "./scan-text-compiled.js";
import type { ScanOptions, SecretFinding } from "./secret-finding.js";

export { scanAsciiCompiled, scanTextCompiled, scanUtf8Compiled } from "./scan-text-compiled.js";

/** Secrets in the text of one file. */
export function scanText(text: string, file: string, options?: ScanOptions): SecretFinding[] {
  return scanTextCompiled(text, file, compileScanOptions(options));
}
