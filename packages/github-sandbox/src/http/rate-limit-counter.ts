import { createHash } from "node:crypto";

export interface RateLimitState {
  limit: number;
  remaining: number;
  used: number;
  /** Seconds since the epoch at which the window starts over. */
  reset: number;
  resource: string;
}

interface Window {
  startedMs: number;
  used: number;
}

const windowMs = 60 * 60 * 1000;
/** GitHub's hourly budgets: 60 for anonymous callers, 5,000 for tokens; search counts apart. */
const limits = { anonymous: 60, core: 5000, search: 30, graphql: 5000 } as const;

/**
 * GitHub's `x-ratelimit-*` bookkeeping, per credential and resource, over an hour's window.
 * Nothing is refused when a budget runs out: clients must only see plausible numbers, and
 * reliability tests inject rate limits as faults instead.
 */
export class RateLimitCounter {
  readonly #now: () => number;
  readonly #windows = new Map<string, Window>();

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /**
   * Counts one request made with `authorization` (the raw header) against `resource`; with
   * `uncounted` (an authorized request answered 304) only reports the window as it stands.
   */
  count(authorization: string | undefined, resource: "core" | "search" | "graphql", uncounted = false): RateLimitState {
    const now = this.#now();
    // Keyed by a digest so no credential is kept in memory longer than the request.
    const who = authorization ? createHash("sha256").update(authorization).digest("hex") : "anonymous";
    const key = `${who} ${resource}`;
    let window = this.#windows.get(key);
    if (!window || now - window.startedMs >= windowMs) {
      window = { startedMs: now, used: 0 };
      this.#windows.set(key, window);
    }
    if (!uncounted) window.used += 1;
    const limit = authorization ? limits[resource] : limits.anonymous;
    return {
      limit,
      remaining: Math.max(0, limit - window.used),
      used: window.used,
      reset: Math.ceil((window.startedMs + windowMs) / 1000),
      resource,
    };
  }
}
