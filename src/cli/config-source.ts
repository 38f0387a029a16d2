/**
 * Where a configuration's text was read, as the CLI's cache keys it (allowlist-cache.ts): the
 * working tree's file, or a git revision's copy (`check` reads it at its base, `scan
 * --config-ref` at the ref given).
 */
export const workingTreeSource = "working tree";

export const refSource = (ref: string): string => `ref:${ref}`;
