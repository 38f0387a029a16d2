import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { installationId, startHandlerHarness, webhookPayload } from "./handler-harness.js";

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/**
 * The webhook handlers through Probot's own `receive`, with GitHub played by nock: every call the
 * app makes must be one the test expects, and every expected call must be made.
 */
describe("webhook handlers", () => {
  it("on a labeled issue with an invalid configuration: an autopilot/config failure and one comment, nothing else", async () => {
    const { probot, work, api } = await startHandlerHarness();
    const posted: { check?: any; comment?: any } = {};
    api
      .get("/app")
      .reply(200, { slug: "autopilot" })
      .post(`/app/installations/${installationId}/access_tokens`)
      .reply(201, { token: "test-installation", expires_at: "2099-01-01T00:00:00Z" })
      .get(/\/repos\/acme\/widgets\/contents\/\.github(%2F|\/)autopilot\.yml/)
      .reply(200, {
        type: "file",
        encoding: "base64",
        sha: "b".repeat(40),
        path: ".github/autopilot.yml",
        content: Buffer.from("defaults:\n  risk: extreme\n").toString("base64"),
      })
      .get(/\/repos\/acme\/widgets\/git\/ref\/heads(%2F|\/)main/)
      .reply(200, { ref: "refs/heads/main", object: { sha: "a".repeat(40), type: "commit" } })
      .get(`/repos/acme/widgets/commits/${"a".repeat(40)}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] })
      .post("/repos/acme/widgets/check-runs", (body) => ((posted.check = body), true))
      .reply(201, { id: 1 })
      .get("/repos/acme/widgets/issues/5/comments")
      .query(true)
      .reply(200, [])
      .post("/repos/acme/widgets/issues/5/comments", (body) => ((posted.comment = body), true))
      .reply(201, { id: 2 });

    await probot.receive({
      id: "delivery-1",
      name: "issues",
      payload: webhookPayload("issues", "labeled", (payload) => {
        payload.issue = { ...payload.issue, number: 5, pull_request: undefined };
        payload.label = { ...payload.label, name: "autopilot" };
      }) as never,
    });
    await work.drain();

    expect(api.pendingMocks()).toEqual([]);
    expect(posted.check).toMatchObject({
      name: "autopilot/config",
      head_sha: "a".repeat(40),
      conclusion: "failure",
      output: { title: ".github/autopilot.yml is invalid: 1 problem" },
    });
    expect(posted.comment.body).toContain("`autopilot/config`");
  });

  it("reads nothing for the app's own push: branches are judged from check_suite.requested, PR heads from pull_request events", async () => {
    const { probot, work, api, autopilot } = await startHandlerHarness();
    // only the state guard listens to pushes; before the instance knows the repository's state
    // branch it queues a job, which asks who the app is and stops at its own push
    api.get("/app").reply(200, { slug: "autopilot" });
    await probot.receive({
      id: "delivery-2",
      name: "push",
      payload: webhookPayload("push", undefined, (payload) => {
        payload.sender = { ...payload.sender, login: "autopilot[bot]", type: "Bot" };
      }) as never,
    });
    await work.drain();
    expect(api.pendingMocks()).toEqual([]);
    // a request beyond who the app is (nock refuses any other) would have failed the job
    const jobs = await autopilot.metrics.registry.getSingleMetricAsString("autopilot_job_duration_seconds");
    expect(jobs).toMatch(/autopilot_job_duration_seconds_count\{[^}]*outcome="ok"[^}]*\} 1/);
    expect(jobs).not.toMatch(/outcome="failed"/);
  });

  it("acks a delivery before doing the work: receive resolves while the job still waits", async () => {
    const { probot, work, api } = await startHandlerHarness();
    api.get("/app").delay(200).reply(200, { slug: "autopilot" });
    api
      .post(`/app/installations/${installationId}/access_tokens`)
      .reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z" });
    api.get(/\/repos\/acme\/widgets\/contents\/\.github(%2F|\/)autopilot\.yml/).reply(404, { message: "Not Found" });
    api
      .get("/repos/acme/widgets/issues/9")
      .reply(200, { number: 9, title: "x", body: null, state: "open", labels: [] });
    // no state branch yet: the pause is not there, and the queue is looked for on main as well
    api.get(/\/repos\/acme\/widgets\/contents\/ops(%2F|\/)pause\.json/).reply(404, { message: "Not Found" });
    api
      .get(/\/repos\/acme\/widgets\/contents\/ops(%2F|\/)queue\.jsonl/)
      .times(2)
      .reply(404, { message: "Not Found" });
    api.get("/repos/acme/widgets/git/ref/heads%2Fautopilot%2Fstate").reply(404, { message: "Not Found" });
    const payload = webhookPayload("issues", "labeled", (p) => {
      p.issue = { ...p.issue, number: 9, pull_request: undefined };
    });
    await probot.receive({ id: "delivery-4", name: "issues", payload: payload as never });
    expect(work.size()).toBe(1);
    await work.drain();
    expect(api.pendingMocks()).toEqual([]);
  });

  it("on shutdown (SIGTERM), finishes the queued work before resolving", async () => {
    const { probot, work, api, autopilot } = await startHandlerHarness();
    api.get("/app").delay(300).reply(200, { slug: "autopilot" });
    api
      .post(`/app/installations/${installationId}/access_tokens`)
      .reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z" });
    api.get(/\/repos\/acme\/widgets\/contents\/\.github(%2F|\/)autopilot\.yml/).reply(404, { message: "Not Found" });
    api
      .get("/repos/acme/widgets/issues/11")
      .reply(200, { number: 11, title: "x", body: null, state: "open", labels: [] });
    // no state branch yet: the pause is not there, and the queue is looked for on main as well
    api.get(/\/repos\/acme\/widgets\/contents\/ops(%2F|\/)pause\.json/).reply(404, { message: "Not Found" });
    api
      .get(/\/repos\/acme\/widgets\/contents\/ops(%2F|\/)queue\.jsonl/)
      .times(2)
      .reply(404, { message: "Not Found" });
    api.get("/repos/acme/widgets/git/ref/heads%2Fautopilot%2Fstate").reply(404, { message: "Not Found" });
    const payload = webhookPayload("issues", "labeled", (p) => {
      p.issue = { ...p.issue, number: 11, pull_request: undefined };
    });
    await probot.receive({ id: "delivery-5", name: "issues", payload: payload as never });
    expect(work.size()).toBe(1);
    await autopilot.shutdown();
    expect(work.size()).toBe(0);
    expect(api.pendingMocks()).toEqual([]);
    expect(work.closed).toBe(true);
  });

  it("refuses new work while shutting down: the delivery fails and no call is made", async () => {
    const { probot, work, api } = await startHandlerHarness();
    let called = 0;
    api.get("/app").reply(200, () => ((called += 1), { slug: "autopilot" }));
    const payload = webhookPayload("issues", "labeled", (p) => {
      p.issue = { ...p.issue, number: 9, pull_request: undefined };
    });
    const closing = work.close();
    await expect(probot.receive({ id: "delivery-3", name: "issues", payload: payload as never })).rejects.toThrow(
      /closed for shutdown/,
    );
    await closing;
    expect(called).toBe(0);
  });
});
