import { octokitPort } from "../../src/github/index.js";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { findDashboard, rememberDashboard } from "../../src/handlers/dashboard/find-dashboard.js";
import type { RepoContext } from "../../src/handlers/repo-context.js";
import { testServices } from "../helpers/test-services.js";
import { installationId, startHandlerHarness, webhookPayload } from "./handler-harness.js";

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const configPath = /\/repos\/acme\/widgets\/contents\/\.github(%2F|\/)autopilot\.yml/;
const configFile = (text: string) => ({
  type: "file",
  encoding: "base64",
  sha: "b".repeat(40),
  path: ".github/autopilot.yml",
  content: Buffer.from(text).toString("base64"),
});
const reopened = () =>
  webhookPayload("issues", "reopened", (payload) => {
    payload.issue = { ...payload.issue, number: 5, pull_request: undefined };
  });

/**
 * Two `createAutopilot()` instances in one process (two replicas in one test runner, an app
 * embedded twice) share nothing: what one instance read or learned never answers for the other.
 */
describe("two app instances in one process", () => {
  it("do not share a delivery's configuration read: B reads the configuration as it is now", async () => {
    const a = await startHandlerHarness();
    const b = await startHandlerHarness();
    // A handles the delivery while the repository is paused: it does nothing
    a.api
      .get("/app")
      .reply(200, { slug: "autopilot" })
      .post(`/app/installations/${installationId}/access_tokens`)
      .reply(201, { token: "a", expires_at: "2099-01-01T00:00:00Z" })
      .get(configPath)
      .reply(200, configFile("paused: true\n"));
    await a.probot.receive({ id: "delivery-shared", name: "issues", payload: reopened() as never });
    await a.work.drain();
    expect(a.api.pendingMocks()).toEqual([]);

    // the configuration is broken meanwhile; B gets the same delivery (redelivered to it) and must see that
    const posted: { comment?: { body: string } } = {};
    b.api
      .get("/app")
      .reply(200, { slug: "autopilot" })
      .post(`/app/installations/${installationId}/access_tokens`)
      .reply(201, { token: "b", expires_at: "2099-01-01T00:00:00Z" })
      .get(configPath)
      .reply(200, configFile("defaults:\n  risk: extreme\n"))
      .get(/\/repos\/acme\/widgets\/git\/ref\/heads(%2F|\/)main/)
      .reply(200, { ref: "refs/heads/main", object: { sha: "a".repeat(40), type: "commit" } })
      .get(`/repos/acme/widgets/commits/${"a".repeat(40)}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] })
      .post("/repos/acme/widgets/check-runs")
      .reply(201, { id: 1 })
      .get("/repos/acme/widgets/issues/5/comments")
      .query(true)
      .reply(200, [])
      .post("/repos/acme/widgets/issues/5/comments", (body) => ((posted.comment = body), true))
      .reply(201, { id: 2 });
    await b.probot.receive({ id: "delivery-shared", name: "issues", payload: reopened() as never });
    await b.work.drain();

    expect(b.api.pendingMocks()).toEqual([]);
    expect(posted.comment?.body).toContain("`autopilot/config`");
  });

  it("do not share the dashboard issue's number: B looks for its own dashboard", async () => {
    nock.disableNetConnect();
    const api = nock("https://api.github.com");
    const octokit = new ProbotOctokit({
      auth: { token: "t" },
      retry: { enabled: false },
      throttle: { enabled: false },
    });
    const silent = {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
      child: () => silent,
    };
    const contextOf = (): RepoContext => ({
      github: octokitPort(octokit, { owner: "acme", repo: "widgets" }),
      owner: "acme",
      repo: "widgets",
      defaultBranch: "main",
      delivery: null,
      log: silent as never,
      services: testServices(),
    });
    const [a, b] = [contextOf(), contextOf()];
    rememberDashboard(a, { number: 7 });
    const dashboard = {
      number: 12,
      node_id: "I_12",
      body: "<!-- autopilot:dashboard -->\n",
      html_url: "https://github.com/acme/widgets/issues/12",
      state: "open",
      user: { login: "autopilot[bot]" },
    };
    // B has never seen a dashboard: it lists the app's issues, it does not read A's #7
    api.get("/repos/acme/widgets/issues").query(true).reply(200, [dashboard]);
    expect((await findDashboard(b, "autopilot[bot]"))?.number).toBe(12);
    expect(api.pendingMocks()).toEqual([]);
  });
});
