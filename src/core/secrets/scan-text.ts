import { buildFindings } from "./build-findings.js";
import { compileScanOptions, isPathAllowlisted, type CompiledScanOptions } from "./compile-scan-options.js";
import { findSecretMatches } from "./find-secret-matches.js";
import type { ScanOptions, SecretFinding } from "./secret-finding.js";

/** Secrets in the text of one file. */
export function scanText(text: string, file: string, options?: ScanOptions): SecretFinding[] {
  return scanTextCompiled(text, file, compileScanOptions(options));
}

export function scanTextCompiled(text: string, file: string, compiled: CompiledScanOptions): SecretFinding[] {
  if (isPathAllowlisted(file, compiled)) return [];
  return buildFindings(text, file, findSecretMatches(text, compiled.honourPragma), compiled);
}
