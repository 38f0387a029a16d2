export type { ScanOptions, SecretAllowlist, SecretFinding } from "./secret-finding.js";
export { scanText } from "./scan-text.js";
export { scanDiff, scanPatch } from "./scan-diff.js";
export { redactSecrets } from "./redact-secrets.js";
export { evaluateSecretsGate, SECRETS_GATE_NAME } from "./evaluate-secrets-gate.js";
export { secretRules } from "./secret-rules.js";
export { isProbablyBinary } from "./is-probably-binary.js";
export { ALLOW_PRAGMA } from "./find-secret-matches.js";
