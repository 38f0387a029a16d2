import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { standaloneAccounts } from "../../src/http/index.js";
import { owner, repo, sha, startHttpFixture, type HttpFixture } from "./http-fixture.js";

/** A clock tests move by hand: no test waits on wall time for a window to pass. */
function manualClock(start = Date.UTC(2026, 10, 21, 10)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

const docs = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-primary-rate-limits";
const windowMs = 60_000;

/**
 * GitHub's primary rate limits: a budget per installation (all its tokens), per person and per
 * address, REST and GraphQL apart; once spent, every request is refused, untouched, until the
 * window resets. Budgets are tiny here so a test can spend one.
 */
describe("primary rate limits", () => {
  let fixture: HttpFixture;
  const clock = manualClock();
  let graphqlRuns = 0;

  beforeAll(async () => {
    fixture = await startHttpFixture({
      now: clock.now,
      rateLimits: { installation: 3, user: 2, anonymous: 1, windowMs },
    });
    fixture.server.register("graphql", async () => {
      graphqlRuns += 1;
      return { status: 200, body: { data: { viewer: { login: "autopilot-sandbox[bot]" } } } };
    });
  });
  afterAll(() => fixture.close());
  // every test starts in a fresh window
  beforeEach(() => {
    clock.advance(windowMs);
    fixture.server.clearRequests();
  });

  const as = (token: string | undefined): Record<string, string> => (token ? { authorization: `token ${token}` } : {});
  const get = (token?: string, path = `/repos/${owner}/${repo}`, headers: Record<string, string> = {}) =>
    fetch(`${fixture.url}${path}`, { headers: { ...as(token), ...headers } });
  const createRef = (name: string, token: string) =>
    fetch(`${fixture.url}/repos/${owner}/${repo}/git/refs`, {
      method: "POST",
      headers: { ...as(token), "content-type": "application/json" },
      body: JSON.stringify({ ref: `refs/heads/${name}`, sha: sha(name) }),
    });
  const graphql = (token: string) =>
    fetch(`${fixture.url}/graphql`, {
      method: "POST",
      headers: { ...as(token), "content-type": "application/json" },
      body: JSON.stringify({ query: "query { viewer { login } }" }),
    });
  const ratelimit = (response: Response) =>
    Object.fromEntries(
      ["limit", "remaining", "used", "resource"].map((name) => [name, response.headers.get(`x-ratelimit-${name}`)]),
    );

  it("counts every token of one installation against one budget, and refuses once it is spent", async () => {
    const second = fixture.registry.createInstallationToken(fixture.installationId).token;
    expect((await get(fixture.installationToken)).status).toBe(200);
    expect((await get(second)).status).toBe(200);
    const third = await get(fixture.installationToken);
    expect(ratelimit(third)).toEqual({ limit: "3", remaining: "0", used: "3", resource: "core" });

    // a freshly minted token does not escape the spent budget
    const fresh = fixture.registry.createInstallationToken(fixture.installationId).token;
    const refused = await get(fresh);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      message: `API rate limit exceeded for installation ID ${fixture.installationId}.`,
      documentation_url: docs,
      status: "403",
    });
    expect(ratelimit(refused)).toEqual({ limit: "3", remaining: "0", used: "3", resource: "core" });
    expect(Number(refused.headers.get("x-ratelimit-reset"))).toBe(Math.ceil((clock.now() + windowMs) / 1000));
    expect(fixture.server.requests().at(-1)).toMatchObject({ status: 403, limited: "primary_rate_limit" });
  });

  it("does nothing for a refused request: a refused POST creates no ref", async () => {
    for (const name of ["rl-a", "rl-b", "rl-c"])
      expect((await createRef(name, fixture.installationToken)).status).toBe(201);
    const refused = await createRef("rl-d", fixture.installationToken);
    expect(refused.status).toBe(403);
    expect(fixture.refs.has("refs/heads/rl-d")).toBe(false);
    // refused requests are not counted further
    expect(ratelimit(await get(fixture.installationToken))).toMatchObject({ remaining: "0", used: "3" });
  });

  it("leaves other installations, people and resources their own budgets", async () => {
    for (let i = 0; i < 3; i += 1) await get(fixture.installationToken);
    expect((await get(fixture.installationToken)).status).toBe(403);

    const other = fixture.registry.createInstallationToken(fixture.installationId + 1).token;
    expect(ratelimit(await get(other))).toMatchObject({ limit: "3", used: "1" });
    expect(ratelimit(await get(fixture.userToken))).toMatchObject({ limit: "2", used: "1" });
    expect((await graphql(fixture.installationToken)).status).toBe(200);

    // a person's tokens share one budget too, named by the person's id
    await get(fixture.userToken);
    const refused = await get(fixture.registry.createUserToken("octocat"));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toBe(
      `API rate limit exceeded for user ID ${standaloneAccounts.userId("octocat")}.`,
    );
  });

  it("starts over when the window ends on the sandbox's clock", async () => {
    for (let i = 0; i < 3; i += 1) await get(fixture.installationToken);
    clock.advance(windowMs - 1);
    expect((await get(fixture.installationToken)).status).toBe(403);
    clock.advance(1);
    const again = await get(fixture.installationToken);
    expect(again.status).toBe(200);
    expect(ratelimit(again)).toMatchObject({ remaining: "2", used: "1" });
  });

  it("refuses GraphQL its way: 200 with a RATE_LIMIT error, the query not run", async () => {
    for (let i = 0; i < 3; i += 1) expect((await graphql(fixture.installationToken)).status).toBe(200);
    const runs = graphqlRuns;
    const refused = await graphql(fixture.installationToken);
    expect(refused.status).toBe(200);
    expect(ratelimit(refused)).toEqual({ limit: "3", remaining: "0", used: "3", resource: "graphql" });
    expect(await refused.json()).toEqual({
      errors: [
        {
          type: "RATE_LIMIT",
          code: "graphql_rate_limit",
          message: `API rate limit already exceeded for installation ID ${fixture.installationId}.`,
        },
      ],
    });
    expect(graphqlRuns).toBe(runs);
    // REST keeps its own budget
    expect((await get(fixture.installationToken)).status).toBe(200);
  });

  it("charges GraphQL in points: a large query may take more than is left, and the next is refused", async () => {
    const large = `query { viewer { repositories(first: 100) { nodes { issues(first: 50) { nodes { id } } } } } }`;
    expect((await graphql(fixture.installationToken)).status).toBe(200);
    const charged = await fetch(`${fixture.url}/graphql`, {
      method: "POST",
      headers: { ...as(fixture.installationToken), "content-type": "application/json" },
      body: JSON.stringify({ query: large }),
    });
    expect(charged.status).toBe(200);
    // 1 + 100 requests: 1 point; GitHub's rounding
    expect(ratelimit(charged)).toMatchObject({ used: "2", remaining: "1" });
    const huge = large.replace("nodes { id }", "nodes { labels(first: 100) { nodes { name } } }");
    const over = await fetch(`${fixture.url}/graphql`, {
      method: "POST",
      headers: { ...as(fixture.installationToken), "content-type": "application/json" },
      body: JSON.stringify({ query: huge }),
    });
    // 1 + 100 + 5,000 requests: 51 points, admitted with one point left
    expect(ratelimit(over)).toMatchObject({ used: "53", remaining: "0", limit: "3" });
    expect((await graphql(fixture.installationToken)).status).toBe(200);
    expect(fixture.server.requests().at(-1)).toMatchObject({ limited: "primary_rate_limit" });
  });

  it("answers GET /rate_limit with the caller's own budgets while spent, without counting it", async () => {
    for (let i = 0; i < 4; i += 1) await get(fixture.installationToken);
    await graphql(fixture.installationToken);
    const status = await get(fixture.installationToken, "/rate_limit");
    expect(status.status).toBe(200);
    const body = (await status.json()) as {
      resources: Record<string, { limit: number; used: number; remaining: number; reset: number }>;
      rate: unknown;
    };
    const reset = Math.ceil((clock.now() + windowMs) / 1000);
    expect(body.resources.core).toEqual({ limit: 3, used: 3, remaining: 0, reset });
    expect(body.resources.graphql).toEqual({ limit: 3, used: 1, remaining: 2, reset });
    expect(body.resources.search).toMatchObject({ limit: 30, used: 0 });
    expect(body.rate).toEqual(body.resources.core);
    const validator = fixture.server.validator;
    expect(validator.validateResponse("rate-limit/get", 200, body)).toEqual([]);
    expect(fixture.server.rateLimit({ kind: "installation", installationId: fixture.installationId })).toMatchObject({
      used: 3,
    });
  });

  it("does not count a 304 to an authorized conditional GET", async () => {
    const first = await get(fixture.installationToken);
    const again = await get(fixture.installationToken, `/repos/${owner}/${repo}`, {
      "if-none-match": first.headers.get("etag") ?? "",
    });
    expect(again.status).toBe(304);
    expect(ratelimit(again)).toMatchObject({ used: "1", remaining: "2" });
  });

  it("counts anonymous callers and bad credentials by address, and names the address when refusing", async () => {
    const bad = await get("ghs_not-a-token");
    expect(bad.status).toBe(401);
    expect(ratelimit(bad)).toMatchObject({ limit: "1", used: "1", remaining: "0" });
    const refused = await get(undefined, "/repos/acme/widgets/pulls/1");
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toBe(
      "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate " +
        "limit. Check out the documentation for more details.)",
    );
    expect((await get(fixture.installationToken)).status).toBe(200);
  });

  it("charges a token refused with 401 (a JWT-only route) to the address, not to its installation", async () => {
    const refused = await get(fixture.installationToken, "/app");
    expect(refused.status).toBe(401);
    expect(ratelimit(refused)).toMatchObject({ limit: "1", used: "1" });
    const installation = { kind: "installation", installationId: fixture.installationId } as const;
    expect(fixture.server.rateLimit(installation)).toMatchObject({ used: 0, remaining: 3 });
  });

  it("reaches Octokit's throttling as a primary limit, and a client that gives up gets GitHub's 403", async () => {
    for (let i = 0; i < 3; i += 1) await get(fixture.installationToken);
    const limited: string[] = [];
    const octokit = fixture.octokit({
      throttle: {
        enabled: true,
        onSecondaryRateLimit: () => false,
        onRateLimit: (_after: number, options: { method: string; url: string }) =>
          limited.push(`${options.method} ${options.url}`) < 0,
      },
    });
    await expect(octokit.rest.repos.get({ owner, repo })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining("API rate limit exceeded for installation ID"),
    });
    expect(limited).toEqual(["GET /repos/{owner}/{repo}"]);
  });
});
