import type { FaultFailure } from "./fault-injector.js";
import { githubErrorBody } from "./github-error-body.js";
import { primaryRateLimitDocs, primaryRateLimitMessage } from "./primary-rate-limit.js";
import { rateLimitHeaders, type RateLimitState, type RateLimitSubject } from "./rate-limit-counter.js";
import type { Outcome } from "./write-response.js";

const secondaryRateLimitDocs =
  "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits";
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

/** Who the faulted request came from and its budget, so an injected primary limit names them as GitHub would. */
export interface FaultCaller {
  nowMs: number;
  subject: RateLimitSubject;
  rateLimit: RateLimitState;
}

/**
 * The answer GitHub gives when an injected fault hits. The secondary rate limit's wording
 * matters: @octokit/plugin-throttling recognises it by /\bsecondary rate\b/ and waits `retry-after`;
 * a primary limit it recognises by `x-ratelimit-remaining: 0` and waits until `x-ratelimit-reset`.
 * An injected primary limit speaks as a really spent budget does (`primaryRateLimitOutcome`).
 */
export function faultOutcome(failure: FaultFailure, requestId: string, caller: FaultCaller): Outcome {
  if (failure.kind === "5xx") return { status: failure.status, body: { message: serverErrors[failure.status] } };
  if (failure.kind === "primary_rate_limit") {
    const { limit, resource } = caller.rateLimit;
    const reset = Math.ceil(caller.nowMs / 1000) + failure.resetAfterSeconds;
    const message = primaryRateLimitMessage(caller.subject);
    return {
      status: failure.status,
      body: githubErrorBody(failure.status, message, primaryRateLimitDocs),
      headers: rateLimitHeaders({ limit, remaining: 0, used: limit, reset, resource }),
    };
  }
  return secondaryRateLimitOutcome(failure.kind === "429" ? 429 : 403, failure.retryAfterSeconds, requestId);
}
