import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Sandbox } from "../../src/index.js";

const base = Date.UTC(2026, 10, 21, 10);
const windowMs = 2_000;

/**
 * `Sandbox.start({ rateLimits })`: the app's installation spends one small budget whichever token
 * it uses; once spent, a write is refused before it happens (no issue, no webhook); people and
 * Actions' `GITHUB_TOKEN` keep their own budgets; the window runs on the sandbox's clock.
 */
describe("Sandbox.start({ rateLimits })", () => {
  let sandbox: Sandbox;
  let now = base;

  beforeAll(async () => {
    sandbox = await Sandbox.start({
      now: () => now,
      rateLimits: { installation: 3, user: 6, windowMs },
      validateResponses: true,
    });
  });
  afterAll(() => sandbox.stop());

  const call = (token: string, path: string, body?: unknown) =>
    fetch(`${sandbox.apiUrl}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `token ${token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const appToken = () => sandbox.auth.createInstallationToken(sandbox.installationId).token;
  const openIssue = (token: string, title: string) => call(token, "/repos/acme/widgets/issues", { title });
  const issueTitles = async () => {
    const listed = await call(sandbox.userToken(), "/repos/acme/widgets/issues?state=all&per_page=100");
    return ((await listed.json()) as Array<{ title: string }>).map((issue) => issue.title);
  };

  it("refuses the installation once its tokens spent the budget, with no issue and no webhook", async () => {
    expect((await openIssue(appToken(), "first")).status).toBe(201);
    expect((await openIssue(appToken(), "second")).status).toBe(201);
    expect((await call(appToken(), "/repos/acme/widgets")).headers.get("x-ratelimit-remaining")).toBe("0");
    await sandbox.idle();
    const events = sandbox.events.history().length;

    const refused = await openIssue(appToken(), "refused");
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      message: `API rate limit exceeded for installation ID ${sandbox.installationId}.`,
    });
    await sandbox.idle();
    expect(sandbox.events.history()).toHaveLength(events);
    expect(await issueTitles()).not.toContain("refused");
    expect(sandbox.rateLimit({ installationId: sandbox.installationId })).toMatchObject({ remaining: 0, used: 3 });
  });

  it("leaves people and GitHub Actions their own budgets, and names a person by their id", async () => {
    const person = await call(sandbox.userToken(), "/repos/acme/widgets");
    expect(person.status).toBe(200);
    expect(person.headers.get("x-ratelimit-limit")).toBe("6");
    const actions = await call(sandbox.actionsToken(), "/repos/acme/widgets");
    expect(actions.status).toBe(200);
    // GitHub's GITHUB_TOKEN budget: 1,000 an hour
    expect(actions.headers.get("x-ratelimit-limit")).toBe("1000");

    const hubot = sandbox.userToken("hubot");
    for (let i = 0; i < 6; i += 1) await call(hubot, "/repos/acme/widgets");
    const refused = await call(sandbox.userToken("hubot"), "/repos/acme/widgets");
    expect(refused.status).toBe(403);
    const id = sandbox.state.getUser("hubot")?.id;
    expect(await refused.json()).toMatchObject({ message: `API rate limit exceeded for user ID ${id}.` });
  });

  it("lets the installation in again once the window has passed on the sandbox's clock", async () => {
    expect((await openIssue(appToken(), "still refused")).status).toBe(403);
    now += windowMs;
    const created = await openIssue(appToken(), "after the reset");
    expect(created.status).toBe(201);
    expect(created.headers.get("x-ratelimit-used")).toBe("1");
    expect(Number(created.headers.get("x-ratelimit-reset"))).toBe(Math.ceil((now + windowMs) / 1000));
    expect(await issueTitles()).toContain("after the reset");
  });
});

describe("Sandbox.start() without rateLimits", () => {
  it("gives GitHub's floor: 5,000 an hour for the installation and for a person", async () => {
    const sandbox = await Sandbox.start();
    try {
      const app = sandbox.auth.createInstallationToken(sandbox.installationId).token;
      for (const token of [app, sandbox.userToken()]) {
        const answer = await fetch(`${sandbox.apiUrl}/repos/acme/widgets`, {
          headers: { authorization: `token ${token}` },
        });
        expect(answer.headers.get("x-ratelimit-limit")).toBe("5000");
      }
      const status = await fetch(`${sandbox.apiUrl}/rate_limit`, { headers: { authorization: `token ${app}` } });
      expect(await status.json()).toMatchObject({ resources: { core: { limit: 5000, used: 1 } } });
    } finally {
      await sandbox.stop();
    }
  });
});
