import type { AuthFailure, Principal } from "../auth/index.js";
import {
  primaryRateLimitOutcome,
  rateLimitOverview,
  rateLimitSubject,
  standaloneAccounts,
  type RateLimitAccounts,
} from "./primary-rate-limit.js";
import {
  RateLimitCounter,
  type RateLimitOptions,
  type RateLimitResource,
  type RateLimitState,
  type RateLimitSubject,
} from "./rate-limit-counter.js";
import { restDocumentationUrl } from "./github-error-body.js";
import { SandboxHttpError } from "./sandbox-http-error.js";
import type { Outcome } from "./write-response.js";

/** Who is calling as authentication sees it, and whose budget that spends. */
export interface RateLimitCaller {
  verdict: Principal | AuthFailure | undefined;
  subject: RateLimitSubject;
  ip: string;
}

const overviewResources = ["core", "search", "graphql", "code_search"] as const;

/**
 * The server's side of GitHub's primary rate limits: names the caller's budget, admits or refuses
 * a request before anything is done, settles what an answered request cost, and answers
 * `GET /rate_limit`.
 */
export class RateLimitGate {
  readonly #counter: RateLimitCounter;
  readonly #accounts: RateLimitAccounts;

  constructor(now: () => number, options: RateLimitOptions = {}, accounts: RateLimitAccounts = standaloneAccounts) {
    this.#counter = new RateLimitCounter(now, options);
    this.#accounts = accounts;
  }

  caller(verdict: RateLimitCaller["verdict"], ip: string): RateLimitCaller {
    return { verdict, subject: rateLimitSubject(verdict, ip, this.#accounts), ip };
  }

  state(subject: RateLimitSubject, resource: RateLimitResource): RateLimitState {
    return this.#counter.state(subject, resource);
  }

  /** Counts the request, or refuses it with GitHub's answer (uncounted) when its budget is spent. */
  admit(
    caller: RateLimitCaller,
    resource: RateLimitResource,
    cost: number,
  ): { state: RateLimitState } | { refusal: Outcome } {
    const taken = this.#counter.take(caller.subject, resource, cost);
    return taken.admitted ? { state: taken.state } : { refusal: primaryRateLimitOutcome(caller.subject, resource) };
  }

  /** `GET /rate_limit`: the caller's own budgets, even when spent; never counted. */
  status(caller: RateLimitCaller): Outcome {
    const { verdict, subject } = caller;
    if (verdict !== undefined && "status" in verdict) {
      throw new SandboxHttpError(401, verdict.message, { documentationUrl: restDocumentationUrl });
    }
    const states = Object.fromEntries(overviewResources.map((name) => [name, this.#counter.state(subject, name)]));
    return { status: 200, body: rateLimitOverview(states as Record<RateLimitResource, RateLimitState>) };
  }

  /**
   * What an answered request (`cost`: what it was charged, undefined when nothing) cost, as its `x-ratelimit-*` headers show: a 304 to an authorized
   * request costs nothing (GitHub documents so); a 401 costs the address's anonymous budget, not
   * the credential's (a valid token refused on a JWT-only route).
   */
  settle(
    caller: RateLimitCaller,
    resource: RateLimitResource,
    answer: { cost: number | undefined; status: number; uncounted: boolean },
  ): RateLimitState {
    const { subject } = caller;
    const { cost } = answer;
    if (cost === undefined) return this.#counter.state(subject, resource);
    if (answer.uncounted) this.#counter.refund(subject, resource, cost);
    if (answer.status !== 401 || subject.kind === "anonymous") return this.#counter.state(subject, resource);
    this.#counter.refund(subject, resource, cost);
    return this.#counter.take(this.caller(undefined, caller.ip).subject, resource, cost).state;
  }
}
