import type { Buffer } from "node:buffer";
import { buildFindings } from "./build-findings.js";
import { isPathAllowlisted, type CompiledScanOptions } from "./compile-scan-options-with.js";
import { findSecretMatches, findSecretMatchesInAscii, mayHoldSecretsInUtf8 } from "./find-secret-matches.js";
import type { SecretFinding } from "./secret-finding.js";

// apart from scan-text.ts, whose `scanText` compiles its options (and so loads the path
// compiler): the CLI compiles them itself, loading the path compiler only for an allowlist
// with paths

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

/**
 * `scanTextCompiled` of the text whose bytes are `bytes`, all ASCII (`isAscii`), without decoding
 * it: the scan reads the bytes and decodes only the lines worth reading, and the whole text only
 * for a file with a finding or a private key header. The same findings as `scanTextCompiled` of
 * `bytes.toString("latin1")`.
 */
export function scanAsciiCompiled(bytes: Buffer, file: string, compiled: CompiledScanOptions): SecretFinding[] {
  if (isPathAllowlisted(file, compiled)) return [];
  let text: string | undefined;
  const decode = () => (text ??= bytes.toString("latin1"));
  const matches = findSecretMatchesInAscii(bytes, compiled.honourPragma, decode);
  return matches.length === 0 ? [] : buildFindings(decode(), file, matches, compiled);
}

/**
 * `scanTextCompiled` of the UTF-8 text whose bytes are `bytes`: decoded whole only when a first
 * pass over the bytes (`mayHoldSecretsInUtf8`), which decodes only the lines holding a non-ASCII
 * byte, says a line could hold a finding. The same findings as `scanTextCompiled` of
 * `bytes.toString("utf8")`.
 */
export function scanUtf8Compiled(bytes: Buffer, file: string, compiled: CompiledScanOptions): SecretFinding[] {
  if (isPathAllowlisted(file, compiled)) return [];
  if (!mayHoldSecretsInUtf8(bytes, compiled.honourPragma)) return [];
  return scanTextCompiled(bytes.toString("utf8"), file, compiled);
}
