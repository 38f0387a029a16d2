/**
 * Octokit clients for the benches: the sandbox's user (a person, or a simulated agent) and the
 * app. The user's own requests are recorded, so a bench can tell them apart from the app's in
 * `sandbox.requests()` (the sandbox records every request it answers, whoever sent it).
 */
import { ProbotOctokit } from "probot";
import type { Sandbox } from "@autopilot/github-sandbox";

export type BenchOctokit = InstanceType<typeof ProbotOctokit>;

export const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A request as the sandbox records it: method and path without GitHub Enterprise's `/api/v3` prefix. */
export interface SentRequest {
  method: string;
  path: string;
  /** `x-github-request-id` of the answer (the sandbox's `requestId`), when one came back */
  requestId?: string;
}

export interface UserClient {
  octokit: BenchOctokit;
  /** Every request this client has sent (each attempt), oldest first. */
  sent: SentRequest[];
}

export interface UserClientOptions {
  /** Default: the sandbox's user (admin of `acme/widgets`). */
  login?: string;
  /**
   * Attempts per request when the sandbox answers 5xx or a secondary rate limit (injected
   * faults): the person retries, so a bench's own steps are not what the faults break. Default 1.
   */
  attempts?: number;
}

const transient = (status: number | undefined): boolean =>
  status !== undefined && (status >= 500 || status === 403 || status === 429);

/** Octokit acting as a person on the sandbox, Octokit's own retries and throttling off. */
export function userClient(sandbox: Sandbox, options: UserClientOptions = {}): UserClient {
  const octokit = new ProbotOctokit({
    baseUrl: sandbox.apiUrl,
    auth: { token: sandbox.userToken(options.login) },
    log: silent,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  const sent: SentRequest[] = [];
  const attempts = options.attempts ?? 1;
  octokit.hook.wrap("request", async (request, requestOptions) => {
    for (let attempt = 1; ; attempt += 1) {
      const { method, url } = octokit.request.endpoint.parse(requestOptions);
      const entry: SentRequest = {
        method: method.toUpperCase(),
        path: new URL(url, `${sandbox.apiUrl}/`).pathname.replace(/^\/api\/v3(?=\/)/, ""),
      };
      sent.push(entry);
      try {
        const response = await request(requestOptions);
        const id = response.headers["x-github-request-id"];
        if (typeof id === "string") entry.requestId = id;
        return response;
      } catch (error) {
        const id = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers?.[
          "x-github-request-id"
        ];
        if (typeof id === "string") entry.requestId = id;
        const status = (error as { status?: number }).status;
        if (attempt >= attempts || !transient(status)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  });
  return { octokit, sent };
}

/**
 * The recorded requests that are not the user's. A user's request whose answer named its
 * `x-github-request-id` removes exactly that recorded request; one without (no answer came back)
 * removes the earliest recorded request of the same method and path. Matching by method and path
 * alone could remove the app's own 304 read of a URL the user also read and count the user's 200.
 */
export function withoutUserRequests<T extends SentRequest>(recorded: readonly T[], sent: readonly SentRequest[]): T[] {
  const left = [...recorded];
  for (const request of sent) {
    const index =
      request.requestId === undefined
        ? left.findIndex((candidate) => candidate.method === request.method && candidate.path === request.path)
        : left.findIndex((candidate) => candidate.requestId === request.requestId);
    if (index >= 0) left.splice(index, 1);
  }
  return left;
}

/** Counts per key, keys sorted by count (highest first), for readable JSON. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

export const roundMs = (ms: number): number => Math.round(ms * 10) / 10;
