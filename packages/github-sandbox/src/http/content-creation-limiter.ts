import { getOperationAST, parse } from "graphql";
import { createHash } from "node:crypto";

/**
 * GitHub's secondary limit on requests that create content: "in general, no more than 80
 * content-generating requests per minute and no more than 500 content-generating requests per
 * hour" (docs: rate limits for the REST API, about secondary rate limits).
 */
export interface ContentCreationLimit {
  perMinute: number;
  perHour: number;
  /**
   * The `retry-after` a refusal carries; default: the seconds until the oldest counted request
   * leaves its window (at least 1). A small value keeps tests that meet the limit fast.
   */
  retryAfterSeconds?: number;
  /** The limit's clock, milliseconds since the epoch; default the server's. Tests pass their own. */
  now?: () => number;
}

/** GitHub's documented numbers. */
export const githubContentCreationLimit: Readonly<ContentCreationLimit> = { perMinute: 80, perHour: 500 };

const minuteMs = 60 * 1000;
const hourMs = 60 * minuteMs;

/** Operations that create no content though they are POSTs: minting a token, rendering Markdown. */
const notContent = new Set(["apps/create-installation-access-token", "markdown/render", "markdown/render-raw"]);

/** Whether a GraphQL request's body runs a mutation (GitHub: "content creation limits include ... the GraphQL API"). */
function isMutation(rawBody: Buffer | undefined): boolean {
  if (rawBody === undefined) return false;
  try {
    const { query, operationName } = JSON.parse(rawBody.toString("utf8")) as {
      query?: unknown;
      operationName?: unknown;
    };
    if (typeof query !== "string") return false;
    const document = parse(query);
    const name = typeof operationName === "string" ? operationName : undefined;
    return getOperationAST(document, name)?.operation === "mutation";
  } catch {
    return false; // the GraphQL endpoint answers what it cannot parse; nothing is created
  }
}

/**
 * Whether a request counts as content-generating: a REST `POST` (an issue, a comment, a label, a
 * pull request, a review, a check run, a commit, a ref, a dispatch...) or a GraphQL mutation (a
 * commit, a check run...): GitHub's content-creation limit covers both APIs.
 */
export const createsContent = (method: string, operationId: string | undefined, rawBody?: Buffer): boolean =>
  method === "POST" &&
  operationId !== undefined &&
  !notContent.has(operationId) &&
  (operationId !== "graphql" || isMutation(rawBody));

function checkLimit(limit: ContentCreationLimit): void {
  for (const name of ["perMinute", "perHour"] as const) {
    const value = limit[name];
    if (!(Number.isInteger(value) && value >= 0)) {
      throw new RangeError(`sandbox contentCreationLimit: ${name} must be a whole number >= 0, got ${String(value)}`);
    }
  }
  const retry = limit.retryAfterSeconds;
  if (retry !== undefined && !(Number.isInteger(retry) && retry >= 1)) {
    const message = `retryAfterSeconds must be a whole number >= 1, got ${String(retry)}`;
    throw new RangeError(`sandbox contentCreationLimit: ${message}`);
  }
}

/**
 * Counts content-generating requests per credential over a sliding minute and hour and refuses
 * the ones past the limit (a refused request is not counted). Credentials are kept as digests.
 */
export class ContentCreationLimiter {
  readonly #limit: ContentCreationLimit;
  readonly #now: () => number;
  /** credential digest → times of its counted requests, oldest first, within the last hour */
  readonly #seen = new Map<string, number[]>();

  constructor(limit: ContentCreationLimit, serverNow: () => number = Date.now) {
    checkLimit(limit);
    this.#limit = { ...limit };
    this.#now = limit.now ?? serverNow;
  }

  /** Counts the request and answers undefined, or refuses it: how long to wait (`retry-after`). */
  admit(authorization: string | undefined): { retryAfterSeconds: number } | undefined {
    const now = this.#now();
    const who = authorization ? createHash("sha256").update(authorization).digest("hex") : "anonymous";
    const times = (this.#seen.get(who) ?? []).filter((at) => now - at < hourMs);
    this.#seen.set(who, times);
    const lastMinute = times.filter((at) => now - at < minuteMs);
    let freeAt: number | undefined;
    if (times.length >= this.#limit.perHour) freeAt = (times[times.length - this.#limit.perHour] ?? now) + hourMs;
    if (lastMinute.length >= this.#limit.perMinute) {
      const minuteFree = (lastMinute[lastMinute.length - this.#limit.perMinute] ?? now) + minuteMs;
      freeAt = Math.max(freeAt ?? 0, minuteFree);
    }
    if (freeAt === undefined) {
      times.push(now);
      return undefined;
    }
    return { retryAfterSeconds: this.#limit.retryAfterSeconds ?? Math.max(1, Math.ceil((freeAt - now) / 1000)) };
  }
}
