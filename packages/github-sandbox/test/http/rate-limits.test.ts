import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ContentCreationLimiter, createsContent, githubContentCreationLimit } from "../../src/http/index.js";
import { owner, repo, sha, startHttpFixture, type HttpFixture } from "./http-fixture.js";

/** A clock tests move by hand: no test waits on wall time for a window to pass. */
function manualClock(start = Date.UTC(2026, 10, 21, 10)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe("GitHub's rate limits, as faults and as the content-creation limit", () => {
  let fixture: HttpFixture;
  const clock = manualClock();

  beforeAll(async () => {
    fixture = await startHttpFixture({ now: clock.now });
  });
  afterAll(() => fixture.close());
  beforeEach(() => {
    fixture.server.setFaults([]);
    fixture.server.setContentCreationLimit(undefined);
    fixture.server.clearRequests();
  });

  const get = (token = fixture.installationToken) =>
    fetch(`${fixture.url}/api/v3/repos/${owner}/${repo}`, { headers: { authorization: `token ${token}` } });
  const createRef = (name: string, token = fixture.installationToken) =>
    fetch(`${fixture.url}/api/v3/repos/${owner}/${repo}/git/refs`, {
      method: "POST",
      headers: { authorization: `token ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ ref: `refs/heads/${name}`, sha: sha(name) }),
    });

  it("answers 429 with the secondary-rate-limit body and retry-after, which Octokit's throttling waits out", async () => {
    fixture.server.setFaults([{ match: { operationId: "repos/get" }, kind: "429", retryAfterSeconds: 1, times: 1 }]);
    const raw = await get();
    expect(raw.status).toBe(429);
    expect(raw.headers.get("retry-after")).toBe("1");
    const body = (await raw.json()) as { message: string; status: string; documentation_url: string };
    expect(body).toMatchObject({ status: "429", documentation_url: expect.stringContaining("secondary-rate-limits") });
    expect(body.message).toMatch(/^You have exceeded a secondary rate limit\./);

    fixture.server.setFaults([{ match: { operationId: "repos/get" }, kind: "429", retryAfterSeconds: 3, times: 1 }]);
    const waits: number[] = [];
    const octokit = fixture.octokit({
      throttle: {
        enabled: true,
        retryAfterBaseValue: 1,
        onSecondaryRateLimit: (after: number) => waits.push(after) > 0,
        onRateLimit: () => false,
      },
    });
    expect((await octokit.rest.repos.get({ owner, repo })).status).toBe(200);
    expect(waits).toEqual([3]);
    expect(fixture.server.requests().map((r) => [r.status, r.fault])).toEqual([
      [429, "429"],
      [429, "429"],
      [200, undefined],
    ]);
  });

  it("answers a spent primary budget with 403 or 429, x-ratelimit-remaining 0 and the reset time", async () => {
    fixture.server.setFaults([
      { kind: "primary_rate_limit", resetAfterSeconds: 120, times: 1 },
      { kind: "primary_rate_limit", status: 429, times: 1 },
    ]);
    const first = await get();
    expect(first.status).toBe(403);
    expect(first.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(Number(first.headers.get("x-ratelimit-reset"))).toBe(Math.ceil(clock.now() / 1000) + 120);
    // the same words as a really spent budget
    expect(await first.json()).toMatchObject({
      message: `API rate limit exceeded for installation ID ${fixture.installationId}.`,
      status: "403",
    });
    expect(first.headers.get("x-ratelimit-used")).toBe(first.headers.get("x-ratelimit-limit"));
    const second = await get();
    expect(second.status).toBe(429);
    expect(Number(second.headers.get("x-ratelimit-reset"))).toBe(Math.ceil(clock.now() / 1000) + 3600);
    expect(() => fixture.server.setFaults([{ kind: "429", retryAfterSeconds: -1 }])).toThrow(
      /429 seconds must be a whole number >= 0, got -1/,
    );
  });

  it("refuses content-generating requests past the per-minute limit with GitHub's 403, per credential, until the minute passes", async () => {
    fixture.server.setContentCreationLimit({ perMinute: 2, perHour: 100 });
    expect((await createRef("a")).status).toBe(201);
    clock.advance(10_000);
    expect((await createRef("b")).status).toBe(201);
    // reads are not content; another credential has its own count
    expect((await get()).status).toBe(200);
    expect((await createRef("c", fixture.userToken)).status).toBe(201);

    const refused = await createRef("d");
    expect(refused.status).toBe(403);
    // the first request leaves the window 50 s from now
    expect(refused.headers.get("retry-after")).toBe("50");
    const body = (await refused.json()) as { message: string; status: string };
    expect(body.message).toMatch(/^You have exceeded a secondary rate limit\./);
    expect(body.status).toBe("403");
    expect(fixture.refs.has("refs/heads/d")).toBe(false);
    expect(fixture.server.requests().at(-1)).toMatchObject({
      operationId: "git/create-ref",
      status: 403,
      limited: "content_creation",
    });

    clock.advance(50_000);
    expect((await createRef("d")).status).toBe(201);
  });

  it("refuses past the per-hour limit, and Octokit's throttling retries after retry-after while the clock moves", async () => {
    fixture.server.setContentCreationLimit({ perMinute: 100, perHour: 3, retryAfterSeconds: 1 });
    for (const name of ["h1", "h2", "h3"]) expect((await createRef(name)).status).toBe(201);
    const waits: number[] = [];
    const octokit = fixture.octokit({
      throttle: {
        enabled: true,
        retryAfterBaseValue: 1,
        // the client waits retry-after; here the hour passes meanwhile
        onSecondaryRateLimit: (after: number) => {
          waits.push(after);
          clock.advance(60 * 60 * 1000);
          return true;
        },
        onRateLimit: () => false,
      },
    });
    const created = await octokit.rest.git.createRef({ owner, repo, ref: "refs/heads/h4", sha: sha("h4") });
    expect(created.status).toBe(201);
    expect(waits).toEqual([1]);
    expect(
      fixture.server
        .requests()
        .slice(-2)
        .map((r) => [r.status, r.limited]),
    ).toEqual([
      [403, "content_creation"],
      [201, undefined],
    ]);
  });
});

describe("ContentCreationLimiter", () => {
  it("has GitHub's documented numbers and counts REST POSTs and GraphQL mutations, not token minting or queries", () => {
    expect(githubContentCreationLimit).toEqual({ perMinute: 80, perHour: 500 });
    expect(createsContent("POST", "issues/create-comment")).toBe(true);
    expect(createsContent("GET", "issues/list-comments")).toBe(false);
    expect(createsContent("POST", "apps/create-installation-access-token")).toBe(false);
    const body = (query: string, operationName?: string) => Buffer.from(JSON.stringify({ query, operationName }));
    expect(createsContent("POST", "graphql", body("query { viewer { login } }"))).toBe(false);
    expect(
      createsContent("POST", "graphql", body("mutation { createCommitOnBranch(input: {}) { clientMutationId } }")),
    ).toBe(true);
    // the operation that runs is the one named
    const both = "query Q { viewer { login } } mutation M { minimizeComment(input: {}) { clientMutationId } }";
    expect(createsContent("POST", "graphql", body(both, "Q"))).toBe(false);
    expect(createsContent("POST", "graphql", body(both, "M"))).toBe(true);
    expect(createsContent("POST", "graphql", Buffer.from("not json"))).toBe(false);
  });

  it("does not count a refused request, and waits for the hour when the hour is spent", () => {
    const clock = manualClock();
    const limiter = new ContentCreationLimiter({ perMinute: 10, perHour: 2 }, clock.now);
    expect(limiter.admit("token a")).toBeUndefined();
    clock.advance(30 * 60 * 1000);
    expect(limiter.admit("token a")).toBeUndefined();
    expect(limiter.admit("token a")).toEqual({ retryAfterSeconds: 30 * 60 });
    clock.advance(30 * 60 * 1000);
    expect(limiter.admit("token a")).toBeUndefined();
  });

  it("refuses limits it cannot honour, saying which", () => {
    expect(() => new ContentCreationLimiter({ perMinute: -1, perHour: 1 })).toThrow(
      "sandbox contentCreationLimit: perMinute must be a whole number >= 0, got -1",
    );
    expect(() => new ContentCreationLimiter({ perMinute: 1, perHour: 1, retryAfterSeconds: 0 })).toThrow(
      /retryAfterSeconds must be a whole number >= 1/,
    );
  });
});
