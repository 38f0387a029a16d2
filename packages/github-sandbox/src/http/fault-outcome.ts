import type { FaultFailure } from "./fault-injector.js";
import { githubErrorBody } from "./github-error-body.js";
import type { Outcome } from "./write-response.js";

const secondaryRateLimitDocs =
  "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits";
const primaryRateLimitDocs =
  "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-primary-rate-limits";
const serverErrors = { 500: "Server Error", 502: "Bad Gateway", 503: "Service Unavailable" } as const;

/** GitHub's secondary rate limit answer (403, or 429 for some limits), waiting `retry-after` seconds. */
export function secondaryRateLimitOutcome(status: 403 | 429, retryAfterSeconds: number, requestId: string): Outcome {
  const message =
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. " +
    `If you reach out to GitHub Support for help, please include the request ID ${requestId}.`;
  return {
    status,
    body: githubErrorBody(status, message, secondaryRateLimitDocs),
    headers: { "retry-after": String(retryAfterSeconds) },
  };
}

/**
 * The answer GitHub gives when an injected fault hits. The secondary rate limit's wording
 * matters: @octokit/plugin-throttling recognises it by /\bsecondary rate\b/ and waits `retry-after`;
 * a primary limit it recognises by `x-ratelimit-remaining: 0` and waits until `x-ratelimit-reset`.
 */
export function faultOutcome(failure: FaultFailure, requestId: string, nowMs: number = Date.now()): Outcome {
  if (failure.kind === "5xx") return { status: failure.status, body: { message: serverErrors[failure.status] } };
  if (failure.kind === "primary_rate_limit") {
    return {
      status: failure.status,
      body: githubErrorBody(failure.status, "API rate limit exceeded for installation.", primaryRateLimitDocs),
      headers: {
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(Math.ceil(nowMs / 1000) + failure.resetAfterSeconds),
      },
    };
  }
  return secondaryRateLimitOutcome(failure.kind === "429" ? 429 : 403, failure.retryAfterSeconds, requestId);
}
