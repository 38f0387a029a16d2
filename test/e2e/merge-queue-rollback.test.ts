import { afterEach, describe, expect, it } from "vitest";
import { queueEntryOf, taskStatus, type AppHarness } from "./app-harness.js";
import { ciOn, greenTask, groupOf, inQueue, pullOf, repo, start } from "./merge-queue-setup.js";

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const revertPulls = async (harness: AppHarness) =>
  (await harness.user.paginate(harness.user.rest.pulls.list, { ...repo, state: "all", per_page: 100 })).filter((pull) =>
    pull.head.ref.startsWith("revert-"),
  );

describe("rollback of a merge made by GitHub's merge queue", () => {
  it("rolls back the queue's merge of the head the app queued when ci/test fails on it", async () => {
    h = await start();
    const task = await greenTask(h, "Paginate widget lists", "src/widgets", "list.ts");
    const group = await groupOf(h, task.number);
    await ciOn(h, group!);
    expect((await pullOf(h, task.number)).merged_by?.login).toBe("github-merge-queue[bot]");
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("done");

    await ciOn(h, group!, "failure");
    const reverts = await revertPulls(h);
    expect(reverts).toHaveLength(1);
    expect(reverts[0]?.body).toContain(`Reverts #${task.number}`);
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("blocked");
    expect((await queueEntryOf(h, `T-${task.issue}`))?.rollback).toMatchObject({ merge_sha: group });
  });

  it("never reverts a queue merge a person enqueued (the app was still waiting for an approval)", async () => {
    h = await start();
    // high risk: the app waits for an owner's approval and queues nothing
    const task = await greenTask(h, "Rework auth", "src/auth", "login.ts", "high");
    expect(await inQueue(h.user, task.number)).toBe(false);
    await h.user.graphql(
      "mutation($id: ID!, $head: GitObjectID) { enqueuePullRequest(input: { pullRequestId: $id, expectedHeadOid: $head }) { clientMutationId } }",
      { id: task.nodeId, head: task.head },
    );
    await h.settle();
    const group = await groupOf(h, task.number);
    await ciOn(h, group!);
    expect((await pullOf(h, task.number)).merged).toBe(true);
    // the app finishes the task GitHub merged, as after any person's merge
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("done");
    expect((await queueEntryOf(h, `T-${task.issue}`))?.merge_queue).toBeUndefined();

    await ciOn(h, group!, "failure");
    expect(await revertPulls(h)).toEqual([]);
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("done");
  });
});
