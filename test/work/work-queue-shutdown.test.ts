import { describe, expect, it } from "vitest";
import { WorkQueue, WorkQueueClosedError } from "../../src/work/index.js";
import { recordingLog } from "./recording-log.js";
import { tracker } from "./job-tracker.js";

describe("WorkQueue drain and close", () => {
  it("drain waits for the jobs queued so far, not for later ones", async () => {
    const queue = new WorkQueue({ log: recordingLog() });
    const t = tracker();
    void queue.enqueue("acme/a", t.job("a1"));
    void queue.enqueue("acme/a", t.job("a2"));
    void queue.enqueue("acme/b", t.job("b1"));
    let drained = false;
    const drain = queue.drain().then(() => (drained = true));
    void queue.enqueue("acme/c", t.job("late"));
    await t.release("a1");
    await t.release("b1");
    expect(drained).toBe(false);
    await t.release("a2");
    await drain;
    expect(t.inFlight).toEqual(new Set(["late"]));
    await t.release("late");
  });

  it("drain of an idle queue resolves at once", async () => {
    await expect(new WorkQueue().drain()).resolves.toBeUndefined();
  });

  it("close refuses new work and resolves once the queued jobs have run", async () => {
    const queue = new WorkQueue({ log: recordingLog() });
    const t = tracker();
    void queue.enqueue("acme/a", t.job("a1"));
    void queue.enqueue("acme/a", t.job("a2"));
    let closed = false;
    const closing = queue.close().then(() => (closed = true));
    expect(queue.closed).toBe(true);
    expect(() => queue.enqueue("acme/a", t.job("refused"))).toThrow(WorkQueueClosedError);
    await t.release("a1");
    expect(closed).toBe(false);
    await t.release("a2");
    await closing;
    await queue.drain();
    expect(t.finished).toEqual(["a1", "a2"]);
  });
});
