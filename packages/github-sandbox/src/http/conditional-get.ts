import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Outcome } from "./write-response.js";

/**
 * GitHub's validator of a response body: a weak entity tag of its bytes, sent as `ETag` on every
 * successful GET. GitHub's own varies with `Accept` and `Authorization` (`Vary` header), so the
 * media type is part of it here too.
 */
export function entityTag(body: unknown, accept: string | undefined): string {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === "string" ? body : JSON.stringify(body));
  const digest = createHash("sha256")
    .update(accept ?? "")
    .update("\0")
    .update(bytes)
    .digest("hex");
  return `W/"${digest.slice(0, 40)}"`;
}

/** Weak comparison (RFC 9110 §8.8.3.2) of `If-None-Match`'s list against a tag; `*` matches any. */
function matches(ifNoneMatch: string, tag: string): boolean {
  const opaque = (value: string) => value.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((candidate) => candidate.trim() === "*" || opaque(candidate) === opaque(tag));
}

/**
 * A GET's answer as GitHub gives it: a 200 carries an `ETag` (and GitHub's `Cache-Control` and
 * `Vary`); when the request's `If-None-Match` names that tag, the answer is `304 Not Modified`
 * without a body. `uncounted`: GitHub's "does not count against your primary rate limit if a 304
 * response is returned and the request was made while correctly authorized".
 */
export function conditionalGet(
  method: string,
  headers: IncomingHttpHeaders,
  outcome: Outcome,
): { outcome: Outcome; uncounted: boolean } {
  if ((method !== "GET" && method !== "HEAD") || outcome.status !== 200 || outcome.body === undefined)
    return { outcome, uncounted: false };
  const accept = typeof headers.accept === "string" ? headers.accept : undefined;
  const tag = entityTag(outcome.body, accept);
  const cacheHeaders = {
    etag: tag,
    "cache-control": "private, max-age=60, s-maxage=60",
    vary: "Accept, Authorization, Cookie, X-GitHub-OTP",
  };
  const ifNoneMatch = headers["if-none-match"];
  const authorized = typeof headers.authorization === "string" && headers.authorization !== "";
  if (typeof ifNoneMatch === "string" && matches(ifNoneMatch, tag))
    return { outcome: { status: 304, headers: { ...outcome.headers, ...cacheHeaders } }, uncounted: authorized };
  return { outcome: { ...outcome, headers: { ...outcome.headers, ...cacheHeaders } }, uncounted: false };
}
