import { afterEach, describe, expect, it } from "vitest";
import {
  commentBodies,
  installationClient,
  labelNames,
  markReady,
  pushCommit,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  sweepAfterRestart,
  taskStatus,
  type AppHarness,
} from "./app-harness.js";
import { accept, findings } from "./task-lifecycle.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * Work GitHub did but the app never finished: the sweep reconciles from the queue's moving tasks,
 * not only from open issues and open PRs, so a task is not left `review` forever.
 */
describe("the sweep finishes what a GitHub failure cut off", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const writes = (harness: AppHarness) =>
    harness.sandbox.requests().filter((request) => request.method !== "GET").length;
  const pushWork = (harness: AppHarness, task: { branch: string; issue: number }) =>
    pushCommit(harness.user, task.branch, `Page by 50\n\nTask: T-${task.issue}\nRefs: NT-0012\n`, {
      "src/widgets/list-widgets.ts": "export const pageSize = 50;\n",
    });

  it("finishes a merge whose done commit GitHub answered 502, its issue closed by the keyword", async () => {
    h = await startAppHarness({
      retry: false,
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: accept }),
      ),
    });
    await setRepoConfig(h, ["merge:", "  required_checks: [ci/test]", "dispatch:", "  target: none", ""].join("\n"));
    const task = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
    const id = `T-${task.issue}`;
    await pushWork(h, task);
    await markReady(h, task.pull.node_id);
    // the app merges on the green CI status; the done commit on the state branch then fails
    h.sandbox.server.setFaults([
      { match: { operationId: "graphql", graphqlField: "createCommitOnBranch" }, kind: "5xx", status: 502 },
    ]);
    const head = (await h.user.rest.pulls.get({ ...repo, pull_number: task.pull.number })).data.head.sha;
    await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head, state: "success", context: "ci/test" });
    await h.settle();
    h.sandbox.server.setFaults([]);
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: task.pull.number })).data.merged).toBe(true);
    expect(await taskStatus(h, id)).toBe("review");
    // what GitHub does on that merge (the PR body says `Closes #n`), as the merger: the app
    await installationClient(h.sandbox).rest.issues.update({
      ...repo,
      issue_number: task.issue,
      state: "closed",
      state_reason: "completed",
    });
    await h.settle();
    expect(await taskStatus(h, id)).toBe("review");

    await sweepAfterRestart(h);
    expect(await taskStatus(h, id)).toBe("done");
    const done = (await commentBodies(h, task.issue)).filter((body) => body.includes(`${id} is done`));
    expect(done).toHaveLength(1);
    expect(await labelNames(h, task.issue)).toContain("autopilot:done");
    expect(await labelNames(h, task.issue)).not.toContain("autopilot:review");

    const before = writes(h);
    await sweepAfterRestart(h);
    // only the new instance's installation token is written
    expect(writes(h) - before).toBe(1);
    expect(await taskStatus(h, id)).toBe("done");
  });

  it("reviews a ready head whose review GitHub failed to publish, then merges it", async () => {
    let modelCalls = 0;
    const reviewPorts = scriptedReviewers(
      () => {
        modelCalls += 1;
        return { output: findings };
      },
      () => {
        modelCalls += 1;
        return { output: accept };
      },
    );
    h = await startAppHarness({ retry: false, reviewPorts });
    await setRepoConfig(h, ["dispatch:", "  target: none", ""].join("\n"));
    const task = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
    const id = `T-${task.issue}`;
    // the review's one publishing request (comment, check run, dashboard) fails
    h.sandbox.server.setFaults([
      { match: { operationId: "graphql", graphqlField: "addComment" }, kind: "5xx", status: 502 },
      { match: { operationId: "issues/create-comment" }, kind: "5xx", status: 502 },
    ]);
    await pushWork(h, task);
    await h.settle();
    await markReady(h, task.pull.node_id);
    h.sandbox.server.setFaults([]);
    const head = (await h.user.rest.pulls.get({ ...repo, pull_number: task.pull.number })).data.head.sha;
    const reviewRuns = async () =>
      (await h!.user.rest.checks.listForRef({ ...repo, ref: head, check_name: "autopilot/review" })).data.check_runs;
    expect(await reviewRuns()).toEqual([]);
    expect(await taskStatus(h, id)).toBe("review");
    const callsBefore = modelCalls;

    // the restarted instance has the same model keys
    await sweepAfterRestart(h, { reviewPorts });
    expect(await reviewRuns()).toHaveLength(1);
    expect(modelCalls).toBeGreaterThan(callsBefore);
    const reviewComments = (await commentBodies(h, task.pull.number)).filter((body) =>
      body.includes("autopilot:review"),
    );
    expect(reviewComments).toHaveLength(1);
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: task.pull.number })).data.merged).toBe(true);
    expect(await taskStatus(h, id)).toBe("done");

    const callsAfter = modelCalls;
    await sweepAfterRestart(h, { reviewPorts });
    expect(modelCalls).toBe(callsAfter);
    expect(await reviewRuns()).toHaveLength(1);
  });
});
