/** One credential-shaped string found in a file or in the added lines of a diff. */
export interface SecretFinding {
  /** the file, or `commit message <sha>` for a finding in a commit message (then `commit` is set) */
  file: string;
  /** the commit whose message holds the finding; such findings have no file line to annotate */
  commit?: string;
  /** 1-based */
  line: number;
  /** 1-based, where the secret (or the `-----BEGIN` marker of a private key) starts */
  column: number;
  rule: string;
  /** the line, trimmed to at most 120 characters around the match, with every secret on it masked */
  preview: string;
  /** `sha256:` + the first 16 hex characters of sha256(secret): stable across files and lines */
  fingerprint: string;
}

export interface SecretAllowlist {
  /** minimatch globs (dot: true) of files that are never scanned */
  paths?: string[];
  /** a finding is dropped when one of these matches the secret value or the whole line */
  regexes?: string[];
  /** exact `sha256:…` fingerprints that are dropped */
  fingerprints?: string[];
}

export interface ScanOptions {
  allowlist?: SecretAllowlist;
  /**
   * Whether a line carrying `autopilot:allow-secret` is skipped (default true). The gates pass
   * false: the marker sits in the change itself, so the author being judged could write it.
   */
  honourPragma?: boolean;
}

/** A match as the rules report it, before it becomes a finding or a redaction. */
export interface SecretMatch {
  rule: string;
  /** offsets of the secret material in the scanned text: what masking and redaction replace */
  start: number;
  end: number;
  /** the value the fingerprint is computed from */
  secret: string;
  /** offset the finding is reported at (the `-----BEGIN` marker for a private key) */
  reportAt: number;
}
