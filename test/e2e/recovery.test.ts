import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getEntry, parseQueue } from "../../src/core/queue/index.js";
import { startAppHarness, sweepAfterRestart, taskSpec, type AppHarness } from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * The app dies halfway through a dispatch (GitHub answers 5xx to the request that creates the
 * branch, the task file and the PR, after the lock was committed, then the process is gone); the
 * next instance's start-up sweep finishes the work, once. Each test crashes
 * a dispatch of its own on a fresh sandbox, so they pass in any order.
 */
describe("recovery after a crash mid-dispatch", () => {
  let h: AppHarness;
  let issue: number;
  beforeEach(async () => {
    h = await startAppHarness({ retry: false });
  });
  afterEach(() => h.close());

  const entry = async () => {
    const text = await h.sandbox.repo.git.readFile("autopilot/state", "ops/queue.jsonl");
    return getEntry(parseQueue(text?.content.toString("utf8") ?? "").doc, `T-${issue}`);
  };
  const pulls = async () => (await h.user.rest.pulls.list({ ...repo, state: "all" })).data;
  const restartAndSweep = async () => {
    await sweepAfterRestart(h);
  };
  /** Labels a task issue while GitHub fails to open pull requests: the dispatch stops halfway. */
  const crashMidDispatch = async () => {
    h.sandbox.server.setFaults([
      // the start's one request (branch, task file, PR), and the REST call a start without it makes
      { match: { operationId: "graphql", graphqlField: "createPullRequest" }, kind: "5xx", status: 502 },
      { match: { operationId: "pulls/create" }, kind: "5xx", status: 502 },
    ]);
    issue = (
      await h.user.rest.issues.create({ ...repo, title: "Paginate widget lists", body: taskSpec("src/widgets/**") })
    ).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
    h.sandbox.server.setFaults([]);
  };

  it("leaves the lock but no PR when the PR cannot be opened", async () => {
    await crashMidDispatch();
    expect(await entry()).toMatchObject({ status: "in_progress", pr: null });
    // the start's request failed as a whole: GitHub created nothing of it
    expect(await h.sandbox.repo.git.getRef(`refs/heads/autopilot/T-${issue}-paginate-widget-lists`)).toBeUndefined();
    expect(await pulls()).toEqual([]);
    expect(h.sandbox.repo.workflowDispatches).toEqual([]);
  });

  it("finishes on restart: the PR appears once, the agent starts once", async () => {
    await crashMidDispatch();
    await restartAndSweep();
    const opened = await pulls();
    expect(opened).toHaveLength(1);
    expect(await entry()).toMatchObject({ status: "in_progress", pr: opened[0]?.number });
    expect(h.sandbox.repo.workflowDispatches).toHaveLength(1);
  });

  it("changes nothing when a settled repository is swept again", async () => {
    await crashMidDispatch();
    await restartAndSweep();
    const commits = (await h.user.rest.repos.listCommits({ ...repo, sha: "main", per_page: 100 })).data.length;
    const writesBefore = h.sandbox.requests().filter((request) => request.method !== "GET").length;
    await restartAndSweep();
    const writes =
      h.sandbox
        .requests()
        .slice()
        .filter((request) => request.method !== "GET").length - writesBefore;
    expect((await h.user.rest.repos.listCommits({ ...repo, sha: "main", per_page: 100 })).data).toHaveLength(commits);
    expect(await pulls()).toHaveLength(1);
    expect(h.sandbox.repo.workflowDispatches).toHaveLength(1);
    // only the new instance's installation token is written
    expect(writes).toBe(1);
  });
});
