import { afterEach, describe, expect, it } from "vitest";
import {
  commentBodies,
  markReady,
  pushCommit,
  queueEntryOf,
  startTask,
  taskStatus,
  type AppHarness,
} from "./app-harness.js";
import { ciOn, greenTask, groupOf, inQueue, pullOf, repo, start } from "./merge-queue-setup.js";

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

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

  it("queues a task behind its base as it is: the merge group tests it on the tip, no update-branch first", async () => {
    h = await start();
    // the second task branches from main before the first one merges, so it ends up behind main
    const behind = await startTask(h, "Filter gadget lists", "src/gadgets/**", "low");
    const first = await greenTask(h, "Paginate widget lists", "src/widgets", "list.ts");
    await ciOn(h, (await groupOf(h, first.number))!);
    expect((await pullOf(h, first.number)).merged).toBe(true);

    await pushCommit(h.user, behind.branch, `Filter by 10\n\nTask: T-${behind.issue}\nRefs: NT-0012\n`, {
      "src/gadgets/filter.ts": "export const filterSize = 10;\n",
    });
    await markReady(h, behind.pull.node_id);
    const head = (await pullOf(h, behind.pull.number)).head.sha;
    const compared = await h.user.rest.repos.compareCommits({ ...repo, base: "main", head });
    expect(compared.data.behind_by).toBeGreaterThan(0);
    await ciOn(h, head);
    // in the queue at the agent's own head: no merge of main into the branch, no second CI run asked for
    expect((await pullOf(h, behind.pull.number)).head.sha).toBe(head);
    expect(await inQueue(h.user, behind.pull.number)).toBe(true);
    expect((await queueEntryOf(h, `T-${behind.issue}`))?.merge_queue).toMatchObject({ head, base: "main" });
  });
});
