import { ProbotOctokit } from "probot";

type OctokitOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;
type LimitedRequest = { method: string; url: string };
type Logged = { log: { warn: (message: string) => void } };

/** How many times one request is retried after a secondary rate limit before its job gives up. */
export const secondaryLimitRetries = 3;

/**
 * The throttling plugin's `onSecondaryRateLimit`: wait `retry-after` (GitHub's answer, which the
 * plugin reads) and retry, a few times. Probot's production default only logs and gives up, so a
 * burst GitHub refuses (a 403 or 429 naming a secondary rate limit, or the content-creation limit
 * of 80 a minute and 500 an hour) would fail the job; the sweep would pick it up much later.
 */
export function retryAfterSecondaryLimit(
  retryAfter: number,
  request: LimitedRequest,
  octokit: Logged,
  retryCount: number,
): boolean {
  const again = retryCount < secondaryLimitRetries;
  const what = again
    ? `retrying in ${retryAfter} s (retry ${retryCount + 1} of ${secondaryLimitRetries})`
    : `gave up after ${secondaryLimitRetries} retries`;
  octokit.log.warn(`GitHub's secondary rate limit on ${request.method} ${request.url}: ${what}`);
  return again;
}

/**
 * Probot's Octokit with Autopilot's answer to GitHub's secondary rate limits (see
 * `retryAfterSecondaryLimit`); everything else, the primary limit's handling included, is Probot's.
 * Given to Probot as its `Octokit` (`run(app, { Octokit: AutopilotOctokit })`).
 */
export class AutopilotOctokit extends ProbotOctokit {
  constructor(options: OctokitOptions = {}) {
    const throttle = { ...options.throttle, onSecondaryRateLimit: retryAfterSecondaryLimit };
    super({ ...options, throttle } as OctokitOptions);
  }
}
