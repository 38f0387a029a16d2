import { randomBytes } from "node:crypto";

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Random alphanumeric characters: secret-shaped values are built at run time, never committed. */
export function randomAlnum(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const b of bytes) out += alnum[b % alnum.length];
  return out;
}

/** A token shaped like a GitHub classic personal access token (prefix + 36 characters). */
export const fakeGithubToken = (): string => ["gh", "p_"].join("") + randomAlnum(36);
