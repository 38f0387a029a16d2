export type ParsedAuthorization =
  | { kind: "none" }
  | { kind: "credential"; scheme: "token" | "bearer" | "basic"; credential: string }
  | { kind: "malformed" };

/**
 * Splits an `Authorization` header the ways GitHub accepts it: `token X` and `Bearer X` in any
 * case (Octokit sends `token` for tokens and lower-case `bearer` for app JWTs), and `Basic` with
 * the token as password (`x-access-token:<token>`, what git clients send).
 */
export function parseAuthorization(header: string | undefined): ParsedAuthorization {
  const value = header?.trim();
  if (!value) return { kind: "none" };
  const match = /^(token|bearer|basic)\s+(\S+)$/i.exec(value);
  if (!match?.[1] || !match[2]) return { kind: "malformed" };
  const scheme = match[1].toLowerCase() as "token" | "bearer" | "basic";
  if (scheme !== "basic") return { kind: "credential", scheme, credential: match[2] };
  const decoded = Buffer.from(match[2], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const password = colon === -1 ? "" : decoded.slice(colon + 1);
  return password ? { kind: "credential", scheme, credential: password } : { kind: "malformed" };
}
