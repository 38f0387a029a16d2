import { expect } from "vitest";
import {
  commentBodies,
  dispatchesOf,
  labelNames,
  markReady,
  pushCommit,
  queueEntryOf,
  startTask,
  type AppHarness,
} from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/** Review answers and a configuration under which a low-risk task merges once CI is green. */
export const findings = { risks: [], missing_deliverables: [], test_gaps: [], followups: [] };
export const accept = {
  decision: "accept",
  recommended_status: "done",
  next_actions: [],
  summary: "Meets the spec.",
  reasons: ["pages by 50"],
};
export const lifecycleConfig = [
  "merge:",
  "  required_checks: [ci/test]",
  "owners: [octocat]",
  "dispatch:",
  "  target: none",
  "",
].join("\n");

/**
 * A low-risk task from label to merge: the label, the draft PR, the agent's push, ready for
 * review, CI green on every head the PR has, the merge.
 */
export async function lifecycle(h: AppHarness) {
  const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
  const change = { "src/widgets/list-widgets.ts": "export const pageSize = 50;\n" };
  await pushCommit(h.user, branch, `Page by 50\n\nTask: T-${issue}\nRefs: NT-0012\n`, change);
  await markReady(h, pull.node_id);
  // CI reports on every head the PR has (an update-branch makes a new one)
  for (let round = 0; round < 3; round += 1) {
    const { head, merged } = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data;
    if (merged) break;
    await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head.sha, state: "success", context: "ci/test" });
    await h.settle();
  }
  return { issue, pull, branch };
}

/**
 * The `n`th low-risk task of a test from label to merge, each changing a file of its own (so
 * several merge one after another on one repository); fails the test when it does not merge.
 */
export async function mergeNumberedTask(h: AppHarness, n: number): Promise<number> {
  const { issue, pull, branch } = await startTask(h, `Paginate list ${n}`, "src/widgets/**", "low");
  await pushCommit(h.user, branch, `Page ${n}\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
    [`src/widgets/list-${n}.ts`]: `export const pageSize${n} = ${n};\n`,
  });
  await markReady(h, pull.node_id);
  for (let round = 0; round < 3; round += 1) {
    const { head, merged } = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data;
    if (merged) return issue;
    await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head.sha, state: "success", context: "ci/test" });
    await h.settle();
  }
  expect((await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.merged).toBe(true);
  return issue;
}

/**
 * What a person would check after the merge, whatever GitHub's webhooks did meanwhile: one PR,
 * one merge, one review comment, one check run of each gate per head, the labels and the queue
 * line right.
 */
export async function expectConverged(h: AppHarness, issue: number, pullNumber: number): Promise<void> {
  const task = `T-${issue}`;
  const pull = (await h.user.rest.pulls.get({ ...repo, pull_number: pullNumber })).data;
  expect(pull.merged).toBe(true);
  const pulls = (await h.user.rest.pulls.list({ ...repo, state: "all" })).data.filter((item) =>
    item.title.startsWith(`[${task}]`),
  );
  expect(pulls.map((item) => item.number)).toEqual([pullNumber]);
  const merges = h.sandbox
    .requests()
    .filter((request) => request.operationId === "pulls/merge" && request.status === 200);
  expect(merges).toHaveLength(1);
  expect(dispatchesOf(h, task).length).toBeLessThanOrEqual(1);

  const reviews = (await commentBodies(h, pullNumber)).filter((body) => body.includes("<!-- autopilot:review-json"));
  expect(reviews).toHaveLength(1);

  // one check run per gate on every head, each completed (all check runs here are the app's)
  const runs = [...h.sandbox.repo.checkRuns.values()];
  const perHead = runs.map((run) => `${run.headSha.slice(0, 7)} ${run.name}`);
  expect(runs.some((run) => run.headSha === pull.head.sha)).toBe(true);
  expect(perHead).toEqual([...new Set(perHead)]);
  expect(runs.filter((run) => run.status !== "completed").map((run) => run.name)).toEqual([]);

  const entry = await queueEntryOf(h, task);
  expect(entry?.status).toBe("done");
  const moves = entry?.history.map((item) => `${item.from ?? "none"} → ${item.to}`);
  expect(moves).toEqual(["none → in_progress", "in_progress → review", "review → done"]);

  expect((await h.user.rest.issues.get({ ...repo, issue_number: issue })).data.state).toBe("closed");
  expect((await labelNames(h, issue)).sort()).toEqual(["autopilot", "autopilot:done", "risk:low"]);
  expect((await labelNames(h, pullNumber)).sort()).toEqual(["autopilot:review", "risk:low"]);
}
