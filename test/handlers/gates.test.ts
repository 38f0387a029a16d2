import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { installationId, startHandlerHarness, webhookPayload } from "./handler-harness.js";

const head = "c".repeat(40);
const base = "b".repeat(40);
let unexpected: string[] = [];
const noMatch = (request: { method?: string; path?: string }) => unexpected.push(`${request.method} ${request.path}`);

afterEach(() => {
  nock.emitter.off("no match", noMatch);
  nock.cleanAll();
  nock.enableNetConnect();
});

async function harness() {
  unexpected = [];
  const started = await startHandlerHarness();
  nock.emitter.on("no match", noMatch);
  return started;
}

type GraphqlBody = { query: string; variables: Record<string, any> };

/**
 * The gates through Probot's `receive`, GitHub played by nock: which deliveries run them and
 * what they cost. Every call must be expected, and every expected call made.
 */
describe("gates webhook handlers", () => {
  it("leaves a push to a pull request's branch to the pull request's event: check_suite.requested makes no call", async () => {
    const { probot, work, api } = await harness();
    await probot.receive({
      id: "suite-1",
      name: "check_suite",
      payload: webhookPayload("check_suite", "requested", (payload) => {
        payload.check_suite = {
          ...payload.check_suite,
          head_branch: "fix-typo",
          head_sha: head,
          pull_requests: [{ number: 4, head: { ref: "fix-typo", sha: head }, base: { ref: "main", sha: base } }],
        };
      }) as never,
    });
    await work.drain();
    expect(api.pendingMocks()).toEqual([]);
    expect(unexpected).toEqual([]);
  });

  it("ignores the app's own commits on a branch without a pull request: no call beyond knowing who it is", async () => {
    const { probot, work, api } = await harness();
    api.get("/app").reply(200, { slug: "autopilot" });
    await probot.receive({
      id: "suite-2",
      name: "check_suite",
      payload: webhookPayload("check_suite", "requested", (payload) => {
        payload.check_suite = {
          ...payload.check_suite,
          head_branch: "main",
          head_sha: head,
          before: base,
          pull_requests: [],
        };
        payload.sender = { ...payload.sender, login: "autopilot[bot]", type: "Bot" };
      }) as never,
    });
    await work.drain();
    expect(api.pendingMocks()).toEqual([]);
    expect(unexpected).toEqual([]);
  });

  it("judges a fork's pull request at the head its event names: its branch is not a branch of this repository", async () => {
    const { probot, work, api } = await harness();
    api
      .post(`/app/installations/${installationId}/access_tokens`)
      .reply(201, { token: "test-installation", expires_at: "2099-01-01T00:00:00Z" })
      .post("/graphql", (body: GraphqlBody) => body.query.startsWith("query"))
      .reply(200, {
        data: {
          repository: { id: "R_1", f0: null, f1: null, f2: null, f3: null, head: { checkSuites: { nodes: [] } } },
        },
      })
      .get(`/repos/acme/widgets/compare/main...${head}`)
      .query(true)
      .reply(200, {
        total_commits: 1,
        base_commit: { sha: base },
        merge_base_commit: { sha: base },
        commits: [{ sha: head, commit: { message: "Fix a typo" } }],
        files: [
          {
            filename: "README.md",
            status: "modified",
            additions: 1,
            deletions: 1,
            changes: 2,
            patch: "@@ -1 +1 @@\n-# widget\n+# widgets\n",
          },
        ],
      })
      // the fork's `main` is not this repository's main: the run is created on the head the event named
      .post(
        "/graphql",
        (body: GraphqlBody) =>
          body.query.includes("createCheckRun") &&
          body.variables.i0?.headSha === head &&
          body.variables.i0?.conclusion === "SUCCESS",
      )
      .reply(200, { data: { r0: { checkRun: { id: "CR_secrets" } } } });

    await probot.receive({
      id: "fork-1",
      name: "pull_request",
      payload: webhookPayload("pull_request", "synchronize", (payload) => {
        payload.pull_request = {
          ...payload.pull_request,
          number: 7,
          head: {
            ...payload.pull_request.head,
            ref: "main",
            sha: head,
            repo: { ...payload.pull_request.head.repo, full_name: "contributor/widgets" },
          },
          base: { ...payload.pull_request.base, ref: "main", sha: base },
        };
      }) as never,
    });
    await work.drain();

    expect(api.pendingMocks()).toEqual([]);
    expect(unexpected).toEqual(["GET /app"]);
  });

  it("judges a pull_request.synchronize on a non-task PR in three calls: one read, compare, the run created completed", async () => {
    const { probot, work, api } = await harness();
    const bodies: GraphqlBody[] = [];
    api
      .post(`/app/installations/${installationId}/access_tokens`)
      .reply(201, { token: "test-installation", expires_at: "2099-01-01T00:00:00Z" })
      .post("/graphql", (body: GraphqlBody) => (bodies.push(body), body.query.startsWith("query")))
      .reply(200, {
        data: {
          repository: { id: "R_1", f0: null, f1: null, f2: null, f3: null, head: { checkSuites: { nodes: [] } } },
        },
      })
      .get(`/repos/acme/widgets/compare/main...${head}`)
      .query(true)
      .reply(200, {
        total_commits: 1,
        permalink_url: `https://github.com/acme/widgets/compare/acme:${base}...acme:${head}`,
        base_commit: { sha: base },
        merge_base_commit: { sha: base },
        commits: [{ sha: head, commit: { message: "Fix a typo" } }],
        files: [
          {
            filename: "README.md",
            status: "modified",
            additions: 1,
            deletions: 1,
            changes: 2,
            patch: "@@ -1 +1 @@\n-# widget\n+# widgets\n",
          },
        ],
      })
      .post("/graphql", (body: GraphqlBody) => (bodies.push(body), body.query.includes("createCheckRun")))
      .reply(200, { data: { r0: { checkRun: { id: "CR_secrets" } } } });

    await probot.receive({
      id: "sync-1",
      name: "pull_request",
      payload: webhookPayload("pull_request", "synchronize", (payload) => {
        payload.pull_request = {
          ...payload.pull_request,
          number: 4,
          head: { ...payload.pull_request.head, ref: "fix-typo", sha: head },
          base: { ...payload.pull_request.base, ref: "main", sha: base },
        };
      }) as never,
    });
    await work.drain();

    expect(api.pendingMocks()).toEqual([]);
    // the merge evaluation the same delivery sets off starts by asking who the app is; left unanswered, it stops there
    expect(unexpected).toEqual(["GET /app"]);
    expect(bodies).toHaveLength(2);
    const [read, complete] = bodies;
    expect(Object.values(read!.variables)).toEqual(
      expect.arrayContaining(["main:.github/autopilot.yml", "main:ops/queue.jsonl"]),
    );
    expect(complete!.variables.i0).toMatchObject({
      repositoryId: "R_1",
      headSha: head,
      name: "autopilot/secrets",
      status: "COMPLETED",
      conclusion: "SUCCESS",
    });
  });
});
