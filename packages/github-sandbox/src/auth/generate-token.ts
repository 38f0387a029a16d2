import { randomInt } from "node:crypto";

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** GitHub's token prefixes: installation (server-to-server) tokens and classic personal tokens. */
export type TokenPrefix = "ghs_" | "ghp_";

/**
 * A token shaped like GitHub's (prefix + 36 alphanumerics), so code and secret scanners that
 * recognise GitHub tokens treat sandbox tokens the same way. Built from a CSPRNG at run time.
 */
export function generateToken(prefix: TokenPrefix): string {
  let body = "";
  for (let index = 0; index < 36; index += 1) body += alphabet[randomInt(alphabet.length)];
  return prefix + body;
}
