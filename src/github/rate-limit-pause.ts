import { createHash } from "node:crypto";
import type { GithubClient } from "./client.js";

/** The slice of an Octokit request's answer (or error) that says whether a primary rate limit is spent. */
interface Answer {
  status?: number;
  headers?: Record<string, unknown>;
  data?: unknown;
}

/** How long after GitHub's reset the first request goes out: GitHub counts the reset second as spent. */
const afterResetMs = 1000;
/** A budget window is an hour: a reset further ahead (a skewed clock, a forged header) is not believed. */
const longestPauseMs = 61 * 60_000;

const headerOf = (headers: Record<string, unknown> | undefined, name: string): string | undefined => {
  const value = headers?.[name];
  return value === undefined || value === null ? undefined : String(value);
};

/**
 * A request Autopilot did not send: GitHub's primary rate limit of its installation is spent until
 * `deferredUntil`. It reads as GitHub's own refusal would (403, `x-ratelimit-remaining: 0`, "rate
 * limit" in its message), so every caller that tells a rate limit from a refusal for good treats it
 * as the passing thing it is; the work queue runs the job again after the reset.
 */
export class RateLimitPausedError extends Error {
  readonly status = 403;
  readonly response: { status: number; headers: Record<string, string>; data: { message: string } };
  constructor(
    readonly deferredUntil: number,
    installation: string,
    route: string,
    /** GitHub refused it (a GraphQL query answered with a rate-limit error) rather than it being held here */
    refused = false,
  ) {
    const until = new Date(deferredUntil).toISOString();
    const message = `GitHub's rate limit for ${installation} is spent until ${until}: ${route} was ${refused ? "refused" : "not sent"}`;
    super(message);
    this.name = "RateLimitPausedError";
    const reset = String(Math.ceil((deferredUntil - afterResetMs) / 1000));
    this.response = {
      status: 403,
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset },
      data: { message },
    };
  }
}

/** GraphQL's refusal of a spent budget: HTTP 200 with an error ("RATE_LIMITED" in older answers, "RATE_LIMIT" now). */
const graphqlRefusal = (answer: Answer | undefined): boolean =>
  ((answer?.data as { errors?: { type?: string }[] } | undefined)?.errors ?? []).some(
    (error) => error.type === "RATE_LIMITED" || error.type === "RATE_LIMIT",
  );

/** `/app` and below: the endpoints an app calls as itself (with its JWT), an installation token's creation among them. */
const appEndpoint = (url: string): boolean =>
  /^\/app(?:\/|$|\?)/.test(url.replace(/^https?:\/\/[^/]+/, "").replace(/^\/api\/v3(?=\/)/, ""));

/** GitHub's budgets apart: REST (`core`), GraphQL and search are counted and spent separately. */
export type Budget = "core" | "graphql" | "search";

export function budgetOf(url: string): Budget {
  const path = url.replace(/^https?:\/\/[^/]+/, "").replace(/^\/api\/v3(?=\/)/, "");
  if (/^\/(?:api\/)?graphql(?:$|\?)/.test(path)) return "graphql";
  return path.startsWith("/search/") ? "search" : "core";
}

/**
 * The installation an Octokit acts for, when its caller did not say: a client with the app's
 * credentials answers with its installation id; a client holding a token (Probot's clients for a
 * delivery) is known by the token, which one installation's clients share until it expires (a new
 * token costs at most one more refused request). A client of the app itself (JWT) has a budget of its own.
 */
async function installationOf(octokit: GithubClient): Promise<string> {
  try {
    const auth = (await octokit.auth({ type: "installation" })) as { installationId?: number; token?: string };
    if (auth.installationId !== undefined) return `installation ${auth.installationId}`;
    if (auth.token !== undefined) return `token ${createHash("sha256").update(auth.token).digest("hex").slice(0, 12)}`;
    return "token";
  } catch {
    return "app";
  }
}

/**
 * GitHub's primary rate limit, as the app instance lives with it. An installation has a budget of
 * requests an hour; once spent, GitHub refuses every request until the window resets, and asks
 * integrations not to keep sending meanwhile. Octokit's throttling would have each refused request
 * wait in its job until the reset (up to an hour), holding the work queue's slots, so one
 * installation's spent budget stalled every other installation's work. Here, from the first answer
 * that says the budget is spent (a refusal, or a success with `x-ratelimit-remaining: 0`), no
 * request of that installation is sent until the reset: each fails at once with
 * `RateLimitPausedError`, the work queue runs its job again after the reset, and `onResume` (a
 * sweep) reconciles what was cut off. Other installations go on. Owned by `AppServices`.
 */
export class RateLimitPause {
  readonly #until = new Map<string, number>();
  readonly #wrapped = new WeakSet<object>();
  /** each client's installation, asked once */
  readonly #keys = new WeakMap<object, Promise<string>>();
  readonly #now: () => number;
  readonly #keyOf: (octokit: GithubClient) => Promise<string>;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  #onResume: ((installation: string) => void) | undefined;
  #onPause: ((installation: string, until: number, budget: Budget) => void) | undefined;

  constructor(options: { now?: () => number; keyOf?: (octokit: GithubClient) => Promise<string> } = {}) {
    this.#now = options.now ?? Date.now;
    this.#keyOf = options.keyOf ?? installationOf;
  }

  /** Told when an installation's budget is spent (a log line) and when its reset has come (a sweep). */
  listen(handlers: {
    onPause?: (installation: string, until: number, budget: Budget) => void;
    onResume?: (installation: string) => void;
  }): void {
    this.#onPause = handlers.onPause;
    this.#onResume = handlers.onResume;
  }

  /** Until when `installation` (`installation 42 (core)`) sends nothing (epoch ms), if it is paused now. */
  pausedUntil(installation: string): number | undefined {
    const until = this.#until.get(installation);
    return until !== undefined && until > this.#now() ? until : undefined;
  }

  /**
   * Makes `octokit` hold its requests while its installation's budget is spent (once per client).
   * `installationId`: the installation it acts for, as the delivery or the sweep knows it.
   */
  install(octokit: GithubClient, installationId?: number): void {
    if (this.#wrapped.has(octokit)) return;
    this.#wrapped.add(octokit);
    if (installationId !== undefined) this.#keys.set(octokit, Promise.resolve(`installation ${installationId}`));
    octokit.hook.wrap("request", async (request, options) => {
      // the app's own endpoints (its JWT, the installation token's request) are not the installation's
      // budget, and asking the client for its installation makes that very token request: no re-entry
      if (appEndpoint(String(options.url ?? ""))) return request(options);
      let key = this.#keys.get(octokit);
      if (key === undefined) {
        key = this.#keyOf(octokit);
        this.#keys.set(octokit, key);
      }
      const budget = budgetOf(String(options.url ?? ""));
      const installation = `${await key} (${budget})`;
      const route = `${String(options.method ?? "GET").toUpperCase()} ${String(options.url ?? "")}`;
      const until = this.pausedUntil(installation);
      if (until !== undefined) throw new RateLimitPausedError(until, installation, route);
      let response: Awaited<ReturnType<typeof request>>;
      try {
        response = await request(options);
      } catch (error) {
        const answer = (error as { response?: Answer }).response;
        const spentUntil = this.#notice(installation, budget, answer);
        // GitHub refused it for the spent budget (not for a reason of its own): the job runs again after the reset
        if (spentUntil !== undefined && (answer?.status === 403 || answer?.status === 429 || graphqlRefusal(answer)))
          Object.assign(error as object, { deferredUntil: spentUntil });
        throw error;
      }
      const spentUntil = this.#notice(installation, budget, response);
      // a GraphQL refusal comes as a 200: nothing ran, so it is a refusal, not an answer
      if (spentUntil !== undefined && graphqlRefusal(response))
        throw new RateLimitPausedError(spentUntil, installation, route, true);
      return response;
    });
  }

  /** Stops the resume timers (shutdown): nothing fires after the app has stopped. */
  clear(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  /**
   * A spent budget in an answer (GitHub's primary limit, not a secondary one, which says
   * `retry-after`): the installation is paused, and until when is returned; undefined when the
   * budget is not spent.
   */
  #notice(installation: string, budget: Budget, answer: Answer | undefined): number | undefined {
    if (answer === undefined) return undefined;
    const spent = headerOf(answer.headers, "x-ratelimit-remaining") === "0" || graphqlRefusal(answer);
    if (!spent) return undefined;
    const reset = Number(headerOf(answer.headers, "x-ratelimit-reset"));
    const now = this.#now();
    const resetMs = Number.isFinite(reset) && reset > 0 ? reset * 1000 + afterResetMs : now + 60_000;
    const until = Math.min(Math.max(resetMs, now + afterResetMs), now + longestPauseMs);
    const known = this.#until.get(installation);
    if (known !== undefined && known >= until) return known;
    this.#until.set(installation, until);
    this.#onPause?.(installation, until, budget);
    clearTimeout(this.#timers.get(installation));
    const timer = setTimeout(() => {
      this.#timers.delete(installation);
      this.#onResume?.(installation);
    }, until - now);
    // a pending resume alone must not keep the process alive at shutdown
    timer.unref();
    this.#timers.set(installation, timer);
    return until;
  }
}
