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

/** The longest a request waits in its job for its installation's spent budget to reset. */
export const longestPrimaryLimitWaitSeconds = 60;

/**
 * The throttling plugin's `onRateLimit` (GitHub's primary limit: the installation's hourly budget
 * is spent): a reset due within a minute is waited for, once; a later one is not. Probot's
 * production handler waits for the reset up to three times, which holds the job, and with it one
 * of the work queue's few slots, for up to an hour; here the refusal goes on to `RateLimitPause`,
 * which sends nothing more for that installation until the reset and runs the job again then.
 */
export function retryAfterPrimaryLimit(
  retryAfter: number,
  request: LimitedRequest,
  octokit: Logged,
  retryCount: number,
): boolean {
  const again = retryCount === 0 && retryAfter <= longestPrimaryLimitWaitSeconds;
  const what = again ? `retrying in ${retryAfter} s` : `not waiting ${retryAfter} s in the job`;
  octokit.log.warn(`GitHub's rate limit is spent on ${request.method} ${request.url}: ${what}`);
  return again;
}

/**
 * Probot's Octokit with Autopilot's answers to GitHub's rate limits: the secondary limit waited out
 * a few times (`retryAfterSecondaryLimit`), a spent primary budget waited for only when its reset is
 * near (`retryAfterPrimaryLimit`). Everything else is Probot's. Given to Probot as its `Octokit`
 * (`run(app, { Octokit: AutopilotOctokit })`).
 */
export class AutopilotOctokit extends ProbotOctokit {
  constructor(options: OctokitOptions = {}) {
    const throttle = {
      ...options.throttle,
      onSecondaryRateLimit: retryAfterSecondaryLimit,
      onRateLimit: retryAfterPrimaryLimit,
    };
    super({ ...options, throttle } as OctokitOptions);
  }
}
