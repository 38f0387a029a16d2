/** At most the first 4 characters, and never more than a quarter of the secret, then `****`. */
export function maskSecret(secret: string): string {
  const keep = Math.min(4, Math.floor(secret.length / 4));
  return `${secret.slice(0, keep)}****`;
}

/**
 * `sha256:` + 16 hex characters: enough to allowlist one value, useless to recover it.
 * node:crypto is loaded on the first fingerprint, not with the scanner: a scan that finds
 * nothing (most runs of a pre-commit hook) does not spend milliseconds loading it.
 */
export function fingerprintSecret(secret: string): string {
  const { createHash } = process.getBuiltinModule("node:crypto");
  return `sha256:${createHash("sha256").update(secret, "utf8").digest("hex").slice(0, 16)}`;
}
