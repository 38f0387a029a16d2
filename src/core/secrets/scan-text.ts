import { buildFindings } from "./build-findings.js";
import { compileScanOptions, isPathAllowlisted, type CompiledScanOptions } from "./compile-scan-options.js";
import { findSecretMatches } from "./find-secret-matches.js";
import type { ScanOptions, SecretFinding } from "./secret-finding.js";

/** Secrets in the text of one file. */
export function scanText(text: string, file: string, options?: ScanOptions): SecretFinding[] {
  return scanTextCompiled(text, file, compileScanOptions(options));
}

/**
 * `scanText` with options compiled once for many files. `ascii`, when given, is the bytes the
 * text was decoded from, all ASCII (one byte per character): the scan reads them directly.
 */
export function scanTextCompiled(
  text: string,
  file: string,
  compiled: CompiledScanOptions,
  ascii?: Uint8Array,
): SecretFinding[] {
  if (isPathAllowlisted(file, compiled)) return [];
  return buildFindings(text, file, findSecretMatches(text, compiled.honourPragma, ascii), compiled);
}
