import { afterEach, describe, expect, it } from "vitest";
import {
  commentBodies,
  markReady,
  pushCommit,
  queueEntryOf,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  taskStatus,
  type AppHarness,
  type TestOctokit,
} from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const accept = {
  decision: "accept",
  recommended_status: "done",
  next_actions: [],
  summary: "Meets the spec.",
  reasons: ["pages by 50"],
};
const findings = { risks: [], missing_deliverables: [], test_gaps: [], followups: [] };

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** What an administrator does on github.com: a ruleset putting `main` under a merge queue that requires ci/test. */
async function requireMergeQueue(harness: AppHarness): Promise<void> {
  await harness.user.rest.repos.createRepoRuleset({
    ...repo,
    name: "main queue",
    enforcement: "active",
    conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
    rules: [
      {
        type: "merge_queue",
        parameters: {
          check_response_timeout_minutes: 60,
          grouping_strategy: "ALLGREEN",
          max_entries_to_build: 5,
          max_entries_to_merge: 5,
          merge_method: "MERGE",
          min_entries_to_merge: 1,
          min_entries_to_merge_wait_minutes: 0,
        },
      },
      {
        type: "required_status_checks",
        parameters: {
          strict_required_status_checks_policy: false,
          required_status_checks: [{ context: "ci/test" }],
        },
      },
    ],
  });
}

async function start(): Promise<AppHarness> {
  const harness = await startAppHarness({
    reviewPorts: scriptedReviewers(
      () => ({ output: findings }),
      () => ({ output: accept }),
    ),
  });
  await setRepoConfig(
    harness,
    ["merge:", "  required_checks: [ci/test]", "owners: [octocat]", "dispatch:", "  target: none", ""].join("\n"),
  );
  await requireMergeQueue(harness);
  return harness;
}

const pullOf = async (harness: AppHarness, number: number) =>
  (await harness.user.rest.pulls.get({ ...repo, pull_number: number })).data;

const ciOn = async (harness: AppHarness, sha: string, state: "success" | "failure" = "success") => {
  await harness.ci.rest.repos.createCommitStatus({ ...repo, sha, state, context: "ci/test" });
  await harness.settle();
};

/** The merge group GitHub built for the PR: its read-only branch's commit. */
async function groupOf(harness: AppHarness, number: number): Promise<string | undefined> {
  const refs = (
    await harness.user.rest.git.listMatchingRefs({ ...repo, ref: `heads/gh-readonly-queue/main/pr-${number}-` })
  ).data;
  return refs[0]?.object.sha;
}

async function inQueue(octokit: TestOctokit, number: number): Promise<boolean> {
  const data = await octokit.graphql<{ repository: { pullRequest: { isInMergeQueue: boolean } } }>(
    'query($n: Int!) { repository(owner: "acme", name: "widgets") { pullRequest(number: $n) { isInMergeQueue } } }',
    { n: number },
  );
  return data.repository.pullRequest.isInMergeQueue;
}

/** A low-risk task, green on gates, review and CI at its head: the app's decision is to merge it. */
async function greenTask(harness: AppHarness, title: string, scope: string, file: string) {
  const { issue, pull, branch } = await startTask(harness, title, `${scope}/**`, "low");
  await pushCommit(harness.user, branch, `${title}\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
    [`${scope}/${file}`]: "export const pageSize = 50;\n",
  });
  await markReady(harness, pull.node_id);
  const head = (await pullOf(harness, pull.number)).head.sha;
  await ciOn(harness, head);
  return { issue, number: pull.number, nodeId: pull.node_id, branch, head };
}

describe("a default branch that requires a merge queue", () => {
  it("gets the approved task PR in the queue at the judged head, and finishes the task when the queue merges it", async () => {
    h = await start();
    const mainBefore = (await h.user.rest.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha;
    const task = await greenTask(h, "Paginate widget lists", "src/widgets", "list.ts");

    // in the queue, not merged: the PUT GitHub refuses is not what the app waits behind
    expect((await pullOf(h, task.number)).merged).toBe(false);
    expect(await inQueue(h.user, task.number)).toBe(true);
    expect((await queueEntryOf(h, `T-${task.issue}`))?.merge_queue).toMatchObject({ head: task.head, base: "main" });
    const comments = await commentBodies(h, task.number);
    expect(comments.join("\n")).toContain(
      `Autopilot added T-${task.issue} to the merge queue of \`main\` at head ${task.head.slice(0, 7)}`,
    );
    expect(comments.join("\n")).not.toContain("will not merge");

    // the merge group passes CI: GitHub's queue merges it, and the app finishes the task
    const group = await groupOf(h, task.number);
    expect(group).toBeDefined();
    await ciOn(h, group!);
    const merged = await pullOf(h, task.number);
    expect(merged).toMatchObject({ merged: true, merge_commit_sha: group });
    expect(merged.merged_by?.login).toBe("github-merge-queue[bot]");
    expect((await h.user.rest.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha).not.toBe(mainBefore);
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("done");
    expect((await queueEntryOf(h, `T-${task.issue}`))?.merge_sha).toBe(group);
    const issue = (await h.user.rest.issues.get({ ...repo, issue_number: task.issue })).data;
    expect(issue).toMatchObject({ state: "closed", state_reason: "completed" });
    expect((await commentBodies(h, task.number)).join("\n")).toContain(
      `The merge queue of \`main\` merged T-${task.issue} as ${group!.slice(0, 7)}`,
    );
  });

  it("asks the owner when the merge group fails CI, and never queues that head again by itself", async () => {
    h = await start();
    const task = await greenTask(h, "Paginate widget lists", "src/widgets", "list.ts");
    const group = await groupOf(h, task.number);
    await ciOn(h, group!, "failure");
    expect(await inQueue(h.user, task.number)).toBe(false);
    expect((await pullOf(h, task.number)).merged).toBe(false);
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("needs_owner");
    expect((await commentBodies(h, task.number)).join("\n")).toContain("a required check failed on its merge group");
    expect((await queueEntryOf(h, `T-${task.issue}`))?.merge_queue?.removed).toMatchObject({ reason: "CI_FAILURE" });

    // CI reports green on the PR head again: nothing re-enqueues the head GitHub took out
    await ciOn(h, task.head);
    expect(await inQueue(h.user, task.number)).toBe(false);
  });

  it("respects a person taking the PR out of the queue (MANUAL): not enqueued again, said on the PR", async () => {
    h = await start();
    const task = await greenTask(h, "Paginate widget lists", "src/widgets", "list.ts");
    await h.user.graphql("mutation($id: ID!) { dequeuePullRequest(input: { id: $id }) { clientMutationId } }", {
      id: task.nodeId,
    });
    await h.settle();
    expect(await inQueue(h.user, task.number)).toBe(false);
    await ciOn(h, task.head);
    expect(await inQueue(h.user, task.number)).toBe(false);
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("review");
    expect((await commentBodies(h, task.number)).join("\n")).toContain("a person removed it");
  });

  it("judges the agent's push after the enqueue afresh: GitHub dequeues, the old head is never queued again", async () => {
    h = await start();
    const task = await greenTask(h, "Paginate widget lists", "src/widgets", "list.ts");
    await pushCommit(h.user, task.branch, `More\n\nTask: T-${task.issue}\nRefs: NT-0012\n`, {
      "src/widgets/more.ts": "export const more = 1;\n",
    });
    await h.settle();
    const moved = (await pullOf(h, task.number)).head.sha;
    expect(moved).not.toBe(task.head);
    // the new head has no CI yet: out of the queue, and not queued until it is judged green
    expect(await inQueue(h.user, task.number)).toBe(false);
    await ciOn(h, moved);
    expect(await inQueue(h.user, task.number)).toBe(true);
    expect((await queueEntryOf(h, `T-${task.issue}`))?.merge_queue).toMatchObject({ head: moved });
  });
});
