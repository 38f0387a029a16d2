import { createHash } from "node:crypto";
import type { AuthFailure, Principal } from "../auth/index.js";
import { githubErrorBody } from "./github-error-body.js";
import type { RateLimitResource, RateLimitState, RateLimitSubject } from "./rate-limit-counter.js";
import type { Outcome } from "./write-response.js";

export const primaryRateLimitDocs =
  "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-primary-rate-limits";

/** What the HTTP layer needs from the sandbox's state to name a subject as GitHub does. */
export interface RateLimitAccounts {
  userId(login: string): number;
  /** Whether an installation is GitHub Actions' (its tokens are workflow runs' `GITHUB_TOKEN`). */
  isActionsInstallation(installationId: number): boolean;
}

/** For a server without the sandbox's state: a stable id per login, no Actions installation. */
export const standaloneAccounts: RateLimitAccounts = {
  userId: (login) => Number.parseInt(createHash("sha256").update(login.toLowerCase()).digest("hex").slice(0, 7), 16),
  isActionsInstallation: () => false,
};

/**
 * Whose budget a request spends, once authenticated: credentials that fail (a 401) count as no
 * credentials, against the caller's address, as GitHub's anonymous limit does. A `GITHUB_TOKEN`
 * narrowed to one repository spends that repository's budget; one that is not (the sandbox's
 * Actions tokens can act on any of the account's repositories) shares one, never more than GitHub gives.
 */
export function rateLimitSubject(
  verdict: Principal | AuthFailure | undefined,
  ip: string,
  accounts: RateLimitAccounts,
): RateLimitSubject {
  if (verdict === undefined || "status" in verdict) return { kind: "anonymous", ip };
  if (verdict.kind === "user") return { kind: "user", login: verdict.login, userId: accounts.userId(verdict.login) };
  if (verdict.kind === "app") return { kind: "app", appId: verdict.appId };
  const { installationId, repositories } = verdict;
  if (!accounts.isActionsInstallation(installationId)) return { kind: "installation", installationId };
  const repository = repositories?.length === 1 ? repositories[0] : undefined;
  return { kind: "installation", installationId, actions: { repository } };
}

/**
 * GitHub's words for a spent budget: "API rate limit exceeded for installation ID 1." (user ID,
 * or the address with its advice to authenticate). GraphQL says "already exceeded". The app's JWT
 * has no documented wording; "app ID" is the best reading.
 */
export function primaryRateLimitMessage(subject: RateLimitSubject, graphql = false): string {
  const exceeded = graphql ? "API rate limit already exceeded for" : "API rate limit exceeded for";
  if (subject.kind === "anonymous") {
    return (
      `${exceeded} ${subject.ip}. (But here's the good news: Authenticated requests get a higher rate limit. ` +
      "Check out the documentation for more details.)"
    );
  }
  if (subject.kind === "installation") return `${exceeded} installation ID ${subject.installationId}.`;
  return subject.kind === "user" ? `${exceeded} user ID ${subject.userId}.` : `${exceeded} app ID ${subject.appId}.`;
}

/**
 * The answer to a request that arrives with its budget spent, before anything is done. REST:
 * 403 and GitHub's error body. GraphQL: 200 with an error of type `RATE_LIMIT`, code
 * `graphql_rate_limit`, as GitHub has answered since 2025 (docs: "the response status will still be
 * 200"); it used to say `RATE_LIMITED`, which @octokit/plugin-throttling 11 still looks for, so
 * the app meets what GitHub sends today. Best reading from reports, not from GitHub's docs.
 */
export function primaryRateLimitOutcome(subject: RateLimitSubject, resource: RateLimitResource): Outcome {
  if (resource === "graphql") {
    const message = primaryRateLimitMessage(subject, true);
    return { status: 200, body: { errors: [{ type: "RATE_LIMIT", code: "graphql_rate_limit", message }] } };
  }
  return { status: 403, body: githubErrorBody(403, primaryRateLimitMessage(subject), primaryRateLimitDocs) };
}

/** `GET /rate_limit`'s body: the caller's own budgets, `rate` repeating `core` (deprecated, still sent). */
export function rateLimitOverview(states: Record<RateLimitResource, RateLimitState>): unknown {
  const entry = ({ limit, used, remaining, reset }: RateLimitState) => ({ limit, used, remaining, reset });
  const resources = Object.fromEntries(Object.entries(states).map(([name, state]) => [name, entry(state)]));
  return { resources, rate: entry(states.core) };
}
