import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  agentWorkflowConfig,
  dispatchesOf,
  queueEntryOf,
  setRepoConfig,
  startAppHarness,
  sweepAfterRestart,
  taskSpec,
  type AppHarness,
} from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const workflowConfig = agentWorkflowConfig;

/**
 * The coding agent is started at most once per task: the start is recorded in the queue before
 * the workflow is dispatched, so a failure after it never leads a reconcile to start a second
 * agent on the same branch. A failed start is reported on the PR; an owner's `/retry` restarts.
 */
describe("starting the coding agent", () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({ retry: false });
    await setRepoConfig(h, workflowConfig);
  });
  afterAll(() => h?.close());
  // a test that fails midway must not leave its faults to the next
  afterEach(() => h?.sandbox.server.setFaults([]));

  const entryOf = (issue: number) => queueEntryOf(h, `T-${issue}`);
  const dispatches = (issue: number) => dispatchesOf(h, `T-${issue}`);
  const sweep = () => sweepAfterRestart(h, { retry: false });

  it("a start whose outcome is unknown (a 5xx) is reported on the PR, never retried by a reconcile, and restarted by an owner's /retry", async () => {
    h.sandbox.server.setFaults([
      { match: { operationId: "actions/create-workflow-dispatch" }, kind: "5xx", status: 502, times: 1 },
    ]);
    const issue = (
      await h.user.rest.issues.create({
        ...repo,
        title: "Agent start refused",
        body: taskSpec("src/widgets/start-refused/**"),
      })
    ).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
    h.sandbox.server.setFaults([]);

    const entry = await entryOf(issue);
    expect(entry?.dispatched_at).toEqual(expect.any(String));
    expect(dispatches(issue)).toHaveLength(0);
    const comments = (await h.user.rest.issues.listComments({ ...repo, issue_number: entry!.pr! })).data.map(
      (comment) => comment.body ?? "",
    );
    expect(comments.filter((body) => body.includes("could not start the coding agent"))).toHaveLength(1);

    await sweep();
    expect(dispatches(issue)).toHaveLength(0);

    await h.user.rest.issues.createComment({ ...repo, issue_number: issue, body: "/retry" });
    await h.settle();
    expect(dispatches(issue)).toHaveLength(1);
  });

  it("a start GitHub rate-limits (nothing was started) is cleared from the queue and made by the next reconcile, without a note", async () => {
    // more refusals than the app's Octokit retries in place (after retry-after): the start fails for now
    h.sandbox.server.setFaults([
      {
        match: { operationId: "actions/create-workflow-dispatch" },
        kind: "secondary_rate_limit",
        retryAfterSeconds: 1,
        times: 4,
      },
    ]);
    const issue = (
      await h.user.rest.issues.create({
        ...repo,
        title: "Agent start rate-limited",
        body: taskSpec("src/widgets/start-limited/**"),
      })
    ).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
    h.sandbox.server.setFaults([]);

    const entry = await entryOf(issue);
    expect(entry?.dispatched_at).toBeNull();
    expect(dispatches(issue)).toHaveLength(0);
    const comments = (await h.user.rest.issues.listComments({ ...repo, issue_number: entry!.pr! })).data.map(
      (comment) => comment.body ?? "",
    );
    expect(comments.filter((body) => body.includes("could not start the coding agent"))).toHaveLength(0);

    await sweep();
    expect(dispatches(issue)).toHaveLength(1);
    expect((await entryOf(issue))?.dispatched_at).toEqual(expect.any(String));
    await sweep();
    expect(dispatches(issue)).toHaveLength(1);
  });

  it("starts the agent once, whatever reconciles and issue edits follow", async () => {
    const issue = (
      await h.user.rest.issues.create({ ...repo, title: "Agent record", body: taskSpec("src/widgets/start-record/**") })
    ).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
    expect(dispatches(issue)).toHaveLength(1);
    // any number of reconciles later: still one agent
    await sweep();
    await h.user.rest.issues.update({
      ...repo,
      issue_number: issue,
      body: `${taskSpec("src/widgets/start-record/**")}\n\nEdited.`,
    });
    await h.settle();
    expect(dispatches(issue)).toHaveLength(1);
  });
});

/**
 * In production Octokit's retry plugin sends a request answered 5xx up to three more times. A
 * workflow dispatch GitHub answered 502 may have created its run all the same: sent again, it
 * would start a second agent on the task's branch. The dispatch is sent once.
 */
describe("starting the coding agent with Octokit's retries on, as in production", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("sends a workflow dispatch answered 502 once, and reports the unknown outcome", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, workflowConfig);
    h.sandbox.server.setFaults([
      { match: { operationId: "actions/create-workflow-dispatch" }, kind: "5xx", status: 502, times: 1 },
    ]);
    const issue = (
      await h.user.rest.issues.create({ ...repo, title: "Agent start 502", body: taskSpec("src/widgets/once/**") })
    ).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
    h.sandbox.server.setFaults([]);
    const sent = h.sandbox.server
      .requests()
      .filter((request) => request.operationId === "actions/create-workflow-dispatch");
    expect(sent).toHaveLength(1);
    expect(dispatchesOf(h, `T-${issue}`)).toHaveLength(0);
    const pr = (await queueEntryOf(h, `T-${issue}`))!.pr!;
    const said = (await h.user.rest.issues.listComments({ ...repo, issue_number: pr })).data.map((c) => c.body ?? "");
    expect(said.filter((body) => body.includes("could not start the coding agent"))).toHaveLength(1);
  });
});
