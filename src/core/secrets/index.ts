/**
 * The secret scanner: pure functions over text, diffs and findings.
 *
 * How a scan works: one pass of a keyword automaton (provider prefixes such as `ghp_` and
 * `AKIA`, the generic words `key`, `token`, `secret`, `pass`…, `-----BEGIN`) finds the few lines
 * worth reading; on those, provider rules match their published formats, the generic rule reads
 * `name = value` assignments whose name says credential and whose value looks random, and
 * private key blocks are followed to their end. Every candidate then goes through the decoy
 * filter (placeholders, references, repeats, sequences, hashes, documented examples).
 *
 * The CLI scans files as bytes (scan-text-compiled.ts `scanAsciiCompiled`, `scanUtf8Compiled`):
 * an ASCII file is never decoded but for its candidate lines, a UTF-8 file only in its lines
 * holding a non-ASCII byte unless a line could hold a finding; the findings are the same as
 * `scanText`'s.
 */
export type { ScanOptions, SecretAllowlist, SecretFinding } from "./secret-finding.js";
export { scanText } from "./scan-text.js";
export { scanDiff, scanPatch } from "./scan-diff.js";
export { redactSecrets } from "./redact-secrets.js";
export { evaluateSecretsGate, SECRETS_GATE_NAME } from "./evaluate-secrets-gate.js";
export { secretRules } from "./secret-rules.js";
export { isProbablyBinary } from "./is-probably-binary.js";
export { printableText } from "./printable-text.js";
export { ALLOW_PRAGMA } from "./find-secret-matches.js";
export { scanTextCompiled } from "./scan-text.js";
export { compileScanOptions, type CompiledScanOptions } from "./compile-scan-options.js";
