import type { FaultFailure } from "./fault-injector.js";
import { githubErrorBody } from "./github-error-body.js";
import type { Outcome } from "./write-response.js";

const secondaryRateLimitDocs =
  "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits";
const serverErrors = { 500: "Server Error", 502: "Bad Gateway", 503: "Service Unavailable" } as const;

/**
 * The answer GitHub gives when an injected fault hits. The secondary rate limit's wording
 * matters: @octokit/plugin-throttling recognises it by /\bsecondary rate\b/ and waits `retry-after`.
 */
export function faultOutcome(failure: FaultFailure, requestId: string): Outcome {
  if (failure.kind === "5xx") return { status: failure.status, body: { message: serverErrors[failure.status] } };
  const message =
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. " +
    `If you reach out to GitHub Support for help, please include the request ID ${requestId}.`;
  return {
    status: 403,
    body: githubErrorBody(403, message, secondaryRateLimitDocs),
    headers: { "retry-after": String(failure.retryAfterSeconds) },
  };
}
