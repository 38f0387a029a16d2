import { afterEach, describe, expect, it } from "vitest";
import { commentBodies, pushCommit, queueEntryOf, taskStatus, type AppHarness } from "../e2e/app-harness.js";
import { ciOn, greenTask, inQueue, pullOf, start } from "../e2e/merge-queue-setup.js";
import { personWith } from "./security-harness.js";

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The app's deliveries of `pull_request.dequeued` for a PR, oldest first. */
const dequeuedDeliveries = (harness: AppHarness, number: number): string[] =>
  harness.sandbox.deliveries
    .list({ per_page: 100 })
    .deliveries.filter((item) => {
      const payload = harness.sandbox.deliveries.get(item.id)?.request.payload as
        | { action?: string; pull_request?: { number?: number } }
        | undefined;
      return item.event === "pull_request" && payload?.action === "dequeued" && payload.pull_request?.number === number;
    })
    .map((item) => String(item.id))
    .reverse();

describe("the merge queue against the coding agent and stale events", () => {
  it("the agent's push after the enqueue takes the judged head out; the app queues only the head it judged next", async () => {
    h = await start();
    const agent = await personWith(h, "widget-agent", "write");
    const task = await greenTask(h, "Paginate widget lists", "src/widgets", "list.ts");
    expect(await inQueue(h.user, task.number)).toBe(true);

    // the agent slips a change in behind the app's judgement
    await pushCommit(agent, task.branch, `Sneak\n\nTask: T-${task.issue}\nRefs: NT-0012\n`, {
      "src/widgets/sneak.ts": "export const sneak = 1;\n",
    });
    await h.settle();
    const sneaked = (await pullOf(h, task.number)).head.sha;
    // GitHub dequeued it; the app does not put any head back before judging the new one (no CI on it yet)
    expect(await inQueue(h.user, task.number)).toBe(false);
    expect((await queueEntryOf(h, `T-${task.issue}`))?.merge_queue?.head).toBe(task.head);
    expect((await pullOf(h, task.number)).merged).toBe(false);

    // judged green at its own head, the new head is queued, pinned to it
    await ciOn(h, sneaked);
    expect(await inQueue(h.user, task.number)).toBe(true);
    expect((await queueEntryOf(h, `T-${task.issue}`))?.merge_queue).toMatchObject({ head: sneaked });

    // a stale dequeued delivery (the first head's) redelivered now: read against GitHub, it changes nothing
    const deliveries = dequeuedDeliveries(h, task.number);
    expect(deliveries.length).toBeGreaterThan(0);
    const comments = (await commentBodies(h, task.number)).length;
    h.sandbox.deliveries.redeliver(Number(deliveries[0]));
    await h.settle();
    expect(await inQueue(h.user, task.number)).toBe(true);
    expect((await queueEntryOf(h, `T-${task.issue}`))?.merge_queue?.removed).toBeUndefined();
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("review");
    expect((await commentBodies(h, task.number)).length).toBe(comments);
  });

  it("a writer taking the PR out of the queue is respected: the app does not fight them by re-enqueueing", async () => {
    h = await start();
    const maintainer = await personWith(h, "maintainer", "write");
    const task = await greenTask(h, "Paginate widget lists", "src/widgets", "list.ts");
    await maintainer.graphql("mutation($id: ID!) { dequeuePullRequest(input: { id: $id }) { clientMutationId } }", {
      id: task.nodeId,
    });
    await h.settle();
    // CI reporting again, a redelivered dequeued event: none of it puts the head back
    await ciOn(h, task.head);
    for (const id of dequeuedDeliveries(h, task.number)) h.sandbox.deliveries.redeliver(Number(id));
    await h.settle();
    expect(await inQueue(h.user, task.number)).toBe(false);
    expect((await queueEntryOf(h, `T-${task.issue}`))?.merge_queue?.removed).toMatchObject({ reason: "MANUAL" });
    expect((await pullOf(h, task.number)).merged).toBe(false);
  });
});
