import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FaultInjector } from "../../src/http/fault-injector.js";
import { owner, repo, sha, startHttpFixture, type HttpFixture } from "./http-fixture.js";

/** A random source that plays back the given draws, then keeps returning the last one. */
function scripted(...draws: number[]): () => number {
  let index = 0;
  return () => draws[Math.min(index++, draws.length - 1)] ?? 0;
}

describe("fault injection, seen through Octokit's retry and throttling plugins", () => {
  let fixture: HttpFixture;
  let random: () => number = Math.random;

  beforeAll(async () => {
    fixture = await startHttpFixture({ random: () => random() });
  });
  afterAll(() => fixture.close());
  beforeEach(() => {
    random = Math.random;
    fixture.server.setFaults([]);
    fixture.server.clearRequests();
    fixture.refs.set("refs/heads/main", sha("main"));
  });

  it("fails a route with 5xx for a number of attempts, and Octokit's retry gets through", async () => {
    fixture.server.setFaults([{ match: { operationId: "git/get-ref" }, kind: "5xx", status: 502, times: 2 }]);
    const octokit = fixture.octokit({ request: { retries: 3 }, retry: { retryAfterBaseValue: 1 } });

    const { data } = await octokit.rest.git.getRef({ owner, repo, ref: "heads/main" });

    expect(data.object.sha).toBe(sha("main"));
    expect(fixture.server.requests().map((r) => [r.operationId, r.status, r.fault])).toEqual([
      ["git/get-ref", 502, "5xx"],
      ["git/get-ref", 502, "5xx"],
      ["git/get-ref", 200, undefined],
    ]);
  });

  it("holds a request unanswered until released, and only as many as it was told", async () => {
    const hold = fixture.server.holdRequests({ operationId: "git/get-ref" });
    const octokit = fixture.octokit();
    let answered = false;
    const held = octokit.rest.git.getRef({ owner, repo, ref: "heads/main" }).then((response) => {
      answered = true;
      return response;
    });
    await hold.reached;
    // the next request of that route is answered meanwhile: the hold took its one request
    await octokit.rest.git.getRef({ owner, repo, ref: "heads/main" });
    expect(answered).toBe(false);
    expect(fixture.server.requests().map((request) => request.operationId)).toEqual(["git/get-ref"]);
    hold.release();
    expect((await held).data.object.sha).toBe(sha("main"));
    expect(() => fixture.server.holdRequests({}, 0)).toThrow(/times must be a whole number ≥ 1, got 0/);
  });

  it("leaves other routes alone", async () => {
    fixture.server.setFaults([{ match: { operationId: "git/create-ref" }, kind: "5xx" }]);
    const { status } = await fixture.octokit().rest.git.getRef({ owner, repo, ref: "heads/main" });
    expect(status).toBe(200);
    await expect(
      fixture.octokit().rest.git.createRef({ owner, repo, ref: "refs/heads/x", sha: sha("x") }),
    ).rejects.toMatchObject({ status: 500, message: expect.stringContaining("Server Error") });
  });

  it("answers a secondary rate limit the way Octokit's throttling recognises, retry-after included", async () => {
    fixture.server.setFaults([
      {
        match: { method: "GET", pathPrefix: `/repos/${owner}/${repo}/git/` },
        kind: "secondary_rate_limit",
        retryAfterSeconds: 2,
        times: 1,
      },
    ]);
    const waits: number[] = [];
    const octokit = fixture.octokit({
      throttle: {
        enabled: true,
        retryAfterBaseValue: 1,
        onSecondaryRateLimit: (retryAfter: number) => {
          waits.push(retryAfter);
          return true;
        },
        onRateLimit: () => false,
      },
    });

    const { data } = await octokit.rest.git.getRef({ owner, repo, ref: "heads/main" });

    expect(data.ref).toBe("refs/heads/main");
    expect(waits).toEqual([2]);
    expect(fixture.server.requests().map((r) => [r.status, r.fault])).toEqual([
      [403, "secondary_rate_limit"],
      [200, undefined],
    ]);
  });

  it("sends GitHub's secondary-rate-limit body and headers", async () => {
    fixture.server.setFaults([{ kind: "secondary_rate_limit" }]);
    const response = await fetch(`${fixture.url}/api/v3/repos/${owner}/${repo}`, {
      headers: { authorization: `token ${fixture.installationToken}` },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("retry-after")).toBe("60");
    expect(Number(response.headers.get("x-ratelimit-remaining"))).toBeGreaterThan(0);
    const body = (await response.json()) as { message: string; status: string };
    expect(body.message).toMatch(/^You have exceeded a secondary rate limit\./);
    expect(body.message).toContain(response.headers.get("x-github-request-id"));
    expect(body.status).toBe("403");
  });

  it("hits at the configured rate, drawn from the injected random source", async () => {
    random = scripted(0.9, 0.1, 0.7, 0.2);
    fixture.server.setFaults([{ kind: "5xx", status: 503, rate: 0.5 }]);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const response = await fetch(`${fixture.url}/repos/${owner}/${repo}`, {
        headers: { authorization: `token ${fixture.installationToken}` },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 503, 200, 503]);
  });

  it("adds latency and records it", async () => {
    fixture.server.setFaults([{ match: { operationId: "repos/get" }, kind: "latency", ms: 120 }]);
    const started = performance.now();
    await fixture.octokit().rest.repos.get({ owner, repo });
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    const [recorded] = fixture.server.requests();
    expect(recorded).toMatchObject({ operationId: "repos/get", status: 200, fault: "latency" });
    expect(recorded?.durationMs).toBeGreaterThanOrEqual(115);
  });

  it("refuses a rule it cannot honour instead of ignoring it", () => {
    expect(() => fixture.server.setFaults([{ kind: "5xx", rate: 1.5 }])).toThrow(/rate must be within 0\.\.1/);
  });

  it("fails a GraphQL request by a root field its operation runs, under any alias", () => {
    const faults = new FaultInjector();
    faults.set([{ match: { operationId: "graphql", graphqlField: "createPullRequest" }, kind: "5xx", status: 502 }]);
    const subject = (query: string) => ({
      operationId: "graphql",
      method: "POST",
      path: "/graphql",
      rawBody: Buffer.from(JSON.stringify({ query })),
    });
    expect(
      faults.draw(subject("mutation { pull: createPullRequest(input: {}) { clientMutationId } }")).failure,
    ).toEqual({
      kind: "5xx",
      status: 502,
    });
    expect(faults.draw(subject("mutation { createIssue(input: {}) { clientMutationId } }")).failure).toBeUndefined();
    expect(faults.draw(subject("not graphql")).failure).toBeUndefined();
  });
});
