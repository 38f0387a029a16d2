import { Sandbox } from "@autopilot/github-sandbox";
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import {
  AutopilotOctokit,
  budgetOf,
  RateLimitPause,
  RateLimitPausedError,
  retryAfterPrimaryLimit,
  type GithubClient,
} from "../../src/github/index.js";

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const started: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((sandbox) => sandbox.stop()));
});

/** A sandbox whose first `repos/get` answers GitHub's spent primary limit, resetting `resetAfterSeconds` ahead. */
async function spentOnce(resetAfterSeconds: number): Promise<Sandbox> {
  const sandbox = await Sandbox.start({
    faults: [{ match: { operationId: "repos/get" }, kind: "primary_rate_limit", resetAfterSeconds, times: 1 }],
  });
  started.push(sandbox);
  return sandbox;
}

/** Two clients as two installations would be (tokens of other users here; the pause is told which is which). */
function clients(sandbox: Sandbox, pause: RateLimitPause, names: Map<object, string>): [GithubClient, GithubClient] {
  const make = (name: string) => {
    const octokit = new AutopilotOctokit({
      baseUrl: sandbox.apiUrl,
      auth: { token: sandbox.userToken() },
      log: silent,
      // the pause is tested alone: the throttling plugin's waiting is `retryAfterPrimaryLimit`'s (below)
      throttle: { enabled: false },
      retry: { enabled: false },
    }) as unknown as GithubClient;
    names.set(octokit, name);
    pause.install(octokit);
    return octokit;
  };
  return [make("installation 1"), make("installation 2")];
}

function pauseWithNames(): { pause: RateLimitPause; names: Map<object, string>; resumed: Promise<string> } {
  const names = new Map<object, string>();
  const pause = new RateLimitPause({ keyOf: async (octokit) => names.get(octokit) ?? "unknown" });
  let resume: (installation: string) => void = () => undefined;
  const resumed = new Promise<string>((resolve) => (resume = resolve));
  pause.listen({ onResume: (installation) => resume(installation) });
  return { pause, names, resumed };
}

const repo = { owner: "acme", repo: "widgets" };

describe("RateLimitPause: an installation's spent budget", () => {
  it("sends nothing more for that installation until the reset, while another installation goes on", async () => {
    const sandbox = await spentOnce(3600);
    const { pause, names } = pauseWithNames();
    const [first, second] = clients(sandbox, pause, names);
    await expect(first.rest.repos.get(repo)).rejects.toMatchObject({ status: 403 });
    const held = await first.rest.issues.listForRepo(repo).catch((error: unknown) => error);
    expect(held).toBeInstanceOf(RateLimitPausedError);
    // read as GitHub's own refusal would be: a passing rate limit, not a refusal for good
    expect(held).toMatchObject({ status: 403, response: { headers: { "x-ratelimit-remaining": "0" } } });
    expect((held as Error).message).toMatch(/rate limit for installation 1 \(core\) is spent until/);
    expect((held as RateLimitPausedError).deferredUntil).toBeGreaterThan(Date.now() + 3500 * 1000);
    expect((await second.rest.repos.get(repo)).status).toBe(200);
    // what reached GitHub: the refused read and the other installation's read, nothing held
    expect(sandbox.requests().map((request) => [request.operationId, request.status])).toEqual([
      ["repos/get", 403],
      ["repos/get", 200],
    ]);
    expect(pause.pausedUntil("installation 1 (core)")).toBeDefined();
    // GraphQL is a budget of its own
    expect(pause.pausedUntil("installation 1 (graphql)")).toBeUndefined();
    pause.clear();
  });

  it("sends again after the reset and says so once", async () => {
    const sandbox = await spentOnce(1);
    const { pause, names, resumed } = pauseWithNames();
    const [first] = clients(sandbox, pause, names);
    await expect(first.rest.repos.get(repo)).rejects.toMatchObject({ status: 403 });
    await expect(first.rest.repos.get(repo)).rejects.toBeInstanceOf(RateLimitPausedError);
    expect(await resumed).toBe("installation 1 (core)");
    expect((await first.rest.repos.get(repo)).status).toBe(200);
    expect(sandbox.requests().map((request) => request.status)).toEqual([403, 200]);
  });

  it("marks GitHub's refusal to run the job again after the reset, and reads GraphQL's refusal (a 200) as one", async () => {
    // one request an hour for the person both clients act as: GitHub counts them together
    const sandbox = await Sandbox.start({ rateLimits: { user: 1 } });
    started.push(sandbox);
    const { pause, names } = pauseWithNames();
    const [first, second] = clients(sandbox, pause, names);
    // the last request of the budget is answered, and says so (remaining 0): the first client pauses
    const query = '{ repository(owner: "acme", name: "widgets") { id } }';
    expect((await first.graphql<{ repository: { id: string } }>(query)).repository.id).toBeTruthy();
    expect(pause.pausedUntil("installation 1 (graphql)")).toBeDefined();
    // the second learns it from GitHub's answer: a 200 whose error says the limit is spent
    const refused = await second.graphql(query).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitPausedError);
    expect((refused as Error).message).toMatch(/POST \/graphql was refused$/);
    // REST is a budget of its own: spent by the first client's read, refused to the second (a 403)
    expect((await first.rest.repos.get(repo)).status).toBe(200);
    const rest = await second.rest.repos.get(repo).catch((error: unknown) => error);
    expect(rest).toMatchObject({ status: 403, deferredUntil: expect.any(Number) });
    expect(rest).not.toBeInstanceOf(RateLimitPausedError);
    pause.clear();
  });

  it("knows an installation's client by its installation id, its first request asking for the token it needs", async () => {
    const sandbox = await spentOnce(3600);
    const pause = new RateLimitPause();
    const octokit = new ProbotOctokit({
      baseUrl: sandbox.apiUrl,
      auth: {
        appId: sandbox.appId,
        privateKey: sandbox.credentials.privateKeyPem,
        installationId: sandbox.installationId,
      },
      log: silent,
      retry: { enabled: false },
      throttle: { enabled: false },
    }) as unknown as GithubClient;
    pause.install(octokit);
    // the token's request goes through the same client: asked for, it must not wait on itself
    await expect(octokit.rest.repos.get(repo)).rejects.toMatchObject({ status: 403 });
    expect(pause.pausedUntil(`installation ${sandbox.installationId} (core)`)).toBeDefined();
    expect(sandbox.requests().map((request) => request.operationId)).toEqual([
      "apps/create-installation-access-token",
      "repos/get",
    ]);
    pause.clear();
  });

  it("knows a delivery's client by the installation the caller names, else by its token", async () => {
    const sandbox = await Sandbox.start({
      faults: [{ match: { operationId: "repos/get" }, kind: "primary_rate_limit", resetAfterSeconds: 3600, times: 2 }],
    });
    started.push(sandbox);
    const pause = new RateLimitPause();
    const client = (token: string) =>
      new ProbotOctokit({
        baseUrl: sandbox.apiUrl,
        auth: { token },
        log: silent,
        retry: { enabled: false },
        throttle: { enabled: false },
      }) as unknown as GithubClient;
    const named = client(sandbox.userToken());
    pause.install(named, 42);
    await expect(named.rest.repos.get(repo)).rejects.toMatchObject({ status: 403 });
    expect(pause.pausedUntil("installation 42 (core)")).toBeDefined();
    // a token client: another token is another installation's (or a renewed one's), and goes on
    const byToken = client(sandbox.userToken("mona"));
    pause.install(byToken);
    await expect(byToken.rest.repos.get(repo)).rejects.toMatchObject({ status: 403 });
    await expect(byToken.rest.repos.get(repo)).rejects.toBeInstanceOf(RateLimitPausedError);
    const other = client(sandbox.userToken("hubot"));
    pause.install(other);
    expect((await other.rest.repos.get(repo)).status).toBe(200);
    pause.clear();
  });

  it("does not pause on a secondary rate limit, which says retry-after, or on any other 403", async () => {
    const sandbox = await Sandbox.start({
      faults: [{ match: { operationId: "repos/get" }, kind: "429", retryAfterSeconds: 1, times: 1 }],
    });
    started.push(sandbox);
    const { pause, names } = pauseWithNames();
    const [first] = clients(sandbox, pause, names);
    await expect(first.rest.repos.get(repo)).rejects.toMatchObject({ status: 429 });
    expect((await first.rest.repos.get(repo)).status).toBe(200);
    expect(pause.pausedUntil("installation 1 (core)")).toBeUndefined();
  });
});

describe("budgetOf", () => {
  it("tells GitHub's budgets apart by route", () => {
    expect(budgetOf("/graphql")).toBe("graphql");
    expect(budgetOf("https://ghe.example/api/graphql")).toBe("graphql");
    expect(budgetOf("/search/issues")).toBe("search");
    expect(budgetOf("/repos/{owner}/{repo}/pulls")).toBe("core");
    expect(budgetOf("https://ghe.example/api/v3/repos/a/b")).toBe("core");
  });
});

describe("retryAfterPrimaryLimit", () => {
  it("waits once for a reset due within a minute, never for a later one", () => {
    const warned: string[] = [];
    const octokit = { log: { warn: (message: string) => void warned.push(message) } };
    const request = { method: "GET", url: "/repos/{owner}/{repo}" };
    expect(retryAfterPrimaryLimit(30, request, octokit, 0)).toBe(true);
    expect(retryAfterPrimaryLimit(30, request, octokit, 1)).toBe(false);
    expect(retryAfterPrimaryLimit(1800, request, octokit, 0)).toBe(false);
    expect(warned.at(-1)).toBe(
      "GitHub's rate limit is spent on GET /repos/{owner}/{repo}: not waiting 1800 s in the job",
    );
  });
});
