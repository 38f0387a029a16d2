/** GitHub's counted resources: search and code search have their own per-minute budgets. */
export type RateLimitResource = "core" | "graphql" | "search" | "code_search";

export interface RateLimitState {
  limit: number;
  remaining: number;
  used: number;
  /** Seconds since the epoch at which the window starts over. */
  reset: number;
  resource: RateLimitResource;
}

/** The `x-ratelimit-*` headers GitHub sends with every API answer. */
export const rateLimitHeaders = (state: RateLimitState): Record<string, string> => ({
  "x-ratelimit-limit": String(state.limit),
  "x-ratelimit-remaining": String(state.remaining),
  "x-ratelimit-reset": String(state.reset),
  "x-ratelimit-used": String(state.used),
  "x-ratelimit-resource": state.resource,
});

/**
 * Whose budget a request spends, as GitHub keys it: an installation (every token it mints), a
 * person (every token of theirs), the app's JWT, or an address for anonymous callers. Actions'
 * `GITHUB_TOKEN` is an installation token of GitHub Actions with its own, smaller budget.
 */
export type RateLimitSubject =
  | { kind: "installation"; installationId: number; actions?: { repository: string | undefined } }
  | { kind: "user"; login: string; userId: number }
  | { kind: "app"; appId: number }
  | { kind: "anonymous"; ip: string };

/** Hourly budgets (core and GraphQL each) and the window; tests shrink both. */
export interface RateLimitOptions {
  /** Per installation, all its tokens together. Default 5,000: GitHub's floor (it grants up to 12,500). */
  installation?: number;
  /** Per person, all their tokens together. Default 5,000. */
  user?: number;
  /** The app's own JWT. Default 5,000. */
  app?: number;
  /** An Actions `GITHUB_TOKEN`, per repository. Default 1,000. */
  actions?: number;
  /** Per address, without (valid) credentials. Default 60; GraphQL refuses anonymous callers anyway. */
  anonymous?: number;
  /** Default an hour; search's minute shrinks with it when shorter. */
  windowMs?: number;
}

export const githubRateLimits: Required<RateLimitOptions> = {
  installation: 5000,
  user: 5000,
  app: 5000,
  actions: 1000,
  anonymous: 60,
  windowMs: 60 * 60 * 1000,
};
const searchWindowMs = 60 * 1000;

interface Window {
  startedMs: number;
  used: number;
}

const subjectKey = (subject: RateLimitSubject): string => {
  if (subject.kind === "installation") {
    return `installation ${subject.installationId} ${subject.actions?.repository ?? ""}`;
  }
  if (subject.kind === "user") return `user ${subject.login.toLowerCase()}`;
  return subject.kind === "app" ? `app ${subject.appId}` : `anonymous ${subject.ip}`;
};

/**
 * GitHub's primary rate limits: a budget per subject and resource over a window that starts with
 * its first request, measured on the sandbox's clock. `take` admits a request while the budget
 * lasts and refuses it (without counting it) once spent, as GitHub does until the reset.
 */
export class RateLimitCounter {
  readonly #now: () => number;
  readonly #limits: Required<RateLimitOptions>;
  readonly #windows = new Map<string, Window>();

  constructor(now: () => number = Date.now, options: RateLimitOptions = {}) {
    this.#now = now;
    this.#limits = { ...githubRateLimits, ...options };
    for (const [name, value] of Object.entries(this.#limits)) {
      if (!(Number.isInteger(value) && value >= (name === "windowMs" ? 1 : 0))) {
        throw new RangeError(`sandbox rateLimits: ${name} must be a whole number >= 0, got ${value}`);
      }
    }
  }

  /** The budget as it stands, without counting. */
  state(subject: RateLimitSubject, resource: RateLimitResource): RateLimitState {
    return this.#describe(subject, resource, this.#window(subject, resource, false));
  }

  /**
   * Counts one request costing `cost` (GraphQL: points), or refuses it (`admitted: false`, uncounted)
   * once the budget is spent. A request admitted with a point left may cost more than is left, and
   * `used` then passes the limit, as GitHub's `/rate_limit` shows it doing.
   */
  take(subject: RateLimitSubject, resource: RateLimitResource, cost = 1): { admitted: boolean; state: RateLimitState } {
    const window = this.#window(subject, resource);
    const admitted = window.used < this.#limit(subject, resource);
    if (admitted) window.used += cost;
    return { admitted, state: this.#describe(subject, resource, window) };
  }

  /** Takes back a counted request that GitHub does not count after all (a 304). */
  refund(subject: RateLimitSubject, resource: RateLimitResource, cost = 1): void {
    const window = this.#window(subject, resource);
    window.used = Math.max(0, window.used - cost);
  }

  #limit(subject: RateLimitSubject, resource: RateLimitResource): number {
    const limits = this.#limits;
    const anonymous = subject.kind === "anonymous";
    if (resource === "search") return anonymous ? 10 : 30;
    if (resource === "code_search") return 10;
    if (subject.kind === "installation") return subject.actions ? limits.actions : limits.installation;
    return anonymous ? limits.anonymous : limits[subject.kind];
  }

  #windowMs(resource: RateLimitResource): number {
    const hour = this.#limits.windowMs;
    return resource === "search" || resource === "code_search" ? Math.min(searchWindowMs, hour) : hour;
  }

  /** The subject's current window, a fresh one once the last has run out (kept only when `start`). */
  #window(subject: RateLimitSubject, resource: RateLimitResource, start = true): Window {
    const now = this.#now();
    const key = `${subjectKey(subject)} ${resource}`;
    const window = this.#windows.get(key);
    if (window && now - window.startedMs < this.#windowMs(resource)) return window;
    const fresh = { startedMs: now, used: 0 };
    if (start) this.#windows.set(key, fresh);
    return fresh;
  }

  #describe(subject: RateLimitSubject, resource: RateLimitResource, window: Window): RateLimitState {
    const limit = this.#limit(subject, resource);
    return {
      limit,
      remaining: Math.max(0, limit - window.used),
      used: window.used,
      reset: Math.ceil((window.startedMs + this.#windowMs(resource)) / 1000),
      resource,
    };
  }
}
