import { afterEach, describe, expect, it } from "vitest";
import { commentBodies, markReady, pushCommit, startTask, taskStatus, type AppHarness } from "./app-harness.js";
import { mergeQueueRuleset } from "@autopilot/github-sandbox";
import { ciOn, conversationsRuleset, inQueue, pullOf, repo, startAccepting } from "./merge-queue-setup.js";
import { findings } from "./task-lifecycle.js";

const file = "src/widgets/list.ts";
/** The review accepts the change and leaves one note on its line 1: a review thread of the app's. */
const noteOnLine = {
  ...findings,
  risks: [{ id: "R1", severity: "low", description: "The page size is fixed.", evidence: [{ file, line: 1 }] }],
};

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** main under a ruleset whose pull_request rule requires every review thread resolved (no approval). */
async function start(options: { mergeQueue?: boolean } = {}): Promise<AppHarness> {
  const harness = await startAccepting(["merge:", "  required_checks: [ci/test]"], { findings: noteOnLine });
  await harness.user.rest.repos.createRepoRuleset(
    conversationsRuleset(options.mergeQueue === true ? mergeQueueRuleset().rules : []),
  );
  return harness;
}

/** A ready task whose review left its line note; CI not reported yet. */
async function reviewedTask(harness: AppHarness) {
  const { issue, pull, branch } = await startTask(harness, "Paginate widget lists", "src/widgets/**", "low");
  await pushCommit(harness.user, branch, `Page by 50\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
    [file]: "export const pageSize = 50;\n",
  });
  await markReady(harness, pull.node_id);
  const head = (await pullOf(harness, pull.number)).head.sha;
  return { issue, number: pull.number, head };
}

interface ThreadView {
  id: string;
  isResolved: boolean;
  resolvedBy: { login: string } | null;
  comments: { nodes: { databaseId: number; author: { login: string } | null }[] };
}

async function threadsOf(harness: AppHarness, number: number): Promise<ThreadView[]> {
  const data = await harness.user.graphql<{ repository: { pullRequest: { reviewThreads: { nodes: ThreadView[] } } } }>(
    `query($n: Int!) { repository(owner: "acme", name: "widgets") { pullRequest(number: $n) {
      reviewThreads(first: 10) { nodes { id isResolved resolvedBy { login }
        comments(first: 10) { nodes { databaseId author { login } } } } } } } }`,
    { n: number },
  );
  return data.repository.pullRequest.reviewThreads.nodes;
}

describe("a base that requires every review conversation resolved", () => {
  it("merges once the app resolves the thread its own line review opened", async () => {
    h = await start();
    const task = await reviewedTask(h);
    expect((await threadsOf(h, task.number)).map((thread) => thread.isResolved)).toEqual([false]);
    await ciOn(h, task.head);
    const pull = await pullOf(h, task.number);
    expect(pull.merged).toBe(true);
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("done");
    const [thread] = await threadsOf(h, task.number);
    expect(thread).toMatchObject({ isResolved: true });
    // refused while the thread was open, merged once after the app resolved it
    const merges = h.sandbox.requests().filter((request) => request.operationId === "pulls/merge");
    expect(merges.map((request) => request.status)).toEqual([405, 200]);
  });

  it("waits on a person's reply in the app's thread, lists it on the PR, and merges when a person resolves it", async () => {
    h = await start();
    const task = await reviewedTask(h);
    const [thread] = await threadsOf(h, task.number);
    await h.user.rest.pulls.createReplyForReviewComment({
      ...repo,
      pull_number: task.number,
      comment_id: thread!.comments.nodes[0]!.databaseId,
      body: "Should this not come from the environment?",
    });
    await ciOn(h, task.head);
    expect((await pullOf(h, task.number)).merged).toBe(false);
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("review");
    expect((await threadsOf(h, task.number))[0]).toMatchObject({ isResolved: false });
    const said = (await commentBodies(h, task.number)).join("\n");
    expect(said).toContain(`Autopilot will not merge T-${task.issue} yet`);
    expect(said).toContain(`1 unresolved review conversation`);
    expect(said).toContain(`\`${file}:1\` opened by`);

    // a person resolves it: GitHub's pull_request_review_thread.resolved evaluates the merge again
    await h.user.graphql("mutation($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { id } } }", {
      id: thread!.id,
    });
    await h.settle();
    expect((await pullOf(h, task.number)).merged).toBe(true);
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("done");
  });

  it("under a merge queue too: the app resolves its own thread and the enqueue GitHub refused goes through", async () => {
    h = await start({ mergeQueue: true });
    const task = await reviewedTask(h);
    await ciOn(h, task.head);
    // the queue needs no check here: it merges the group GitHub built once the enqueue went through
    expect((await threadsOf(h, task.number)).map((thread) => thread.isResolved)).toEqual([true]);
    const pull = await pullOf(h, task.number);
    expect(pull.merged).toBe(true);
    expect(pull.merged_by?.login).toBe("github-merge-queue[bot]");
    expect(await inQueue(h.user, task.number)).toBe(false);
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("done");
  });
});
