// the one module of scope it uses, not scope's index: a scan does not load the scope gate
import { compilePatterns } from "../scope/compile-patterns.js";
import { compileScanOptionsWith, type CompiledScanOptions } from "./compile-scan-options-with.js";
import type { ScanOptions } from "./secret-finding.js";

export { isPathAllowlisted, type CompiledScanOptions } from "./compile-scan-options-with.js";

/** Globs and regexes compiled once per scan call, not once per file or finding. */
export function compileScanOptions(options: ScanOptions | undefined): CompiledScanOptions {
  return compileScanOptionsWith(options, compilePatterns);
}
