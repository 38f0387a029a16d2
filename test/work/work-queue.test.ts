import type { Logger } from "probot";
import { describe, expect, expectTypeOf, it } from "vitest";
import { WorkQueue } from "../../src/work/index.js";
import type { WorkLog } from "../../src/work/index.js";
import { settle } from "./deferred.js";
import { recordingLog } from "./recording-log.js";
import { tracker } from "./job-tracker.js";

describe("WorkQueue", () => {
  it("accepts Probot's logger", () => {
    expectTypeOf<Logger>().toExtend<WorkLog>();
  });

  it("runs the jobs of one repository one after another, in the order queued", async () => {
    const queue = new WorkQueue({ concurrency: 4, log: recordingLog() });
    const t = tracker();
    for (const label of ["a1", "a2", "a3"]) void queue.enqueue("acme/widgets", t.job(label));
    await settle();
    expect(t.started).toEqual(["a1"]);
    await t.release("a1");
    expect(t.started).toEqual(["a1", "a2"]);
    await t.release("a2");
    await t.release("a3");
    expect(t.finished).toEqual(["a1", "a2", "a3"]);
    expect(t.max()).toBe(1);
  });

  it("runs different repositories in parallel, never more than the concurrency at once", async () => {
    const queue = new WorkQueue({ concurrency: 2, log: recordingLog() });
    const t = tracker();
    for (const repo of ["r1", "r2", "r3", "r4"]) void queue.enqueue(`acme/${repo}`, t.job(repo));
    await settle();
    expect([...t.inFlight]).toEqual(["r1", "r2"]);
    await t.release("r2");
    expect([...t.inFlight]).toEqual(["r1", "r3"]);
    await t.release("r1");
    await t.release("r3");
    await t.release("r4");
    expect(t.finished).toEqual(["r2", "r1", "r3", "r4"]);
    expect(t.max()).toBe(2);
  });

  it("defaults to four jobs at once", async () => {
    const queue = new WorkQueue({ log: recordingLog() });
    const t = tracker();
    const labels = ["r1", "r2", "r3", "r4", "r5", "r6"];
    for (const repo of labels) void queue.enqueue(`acme/${repo}`, t.job(repo));
    await settle();
    expect(t.inFlight.size).toBe(4);
    for (const label of labels) await t.release(label);
    expect(t.max()).toBe(4);
    expect(t.finished).toHaveLength(6);
  });

  it("gives another repository a turn before a busy one runs its next job", async () => {
    const queue = new WorkQueue({ concurrency: 1, log: recordingLog() });
    const t = tracker();
    for (const label of ["a1", "a2", "a3"]) void queue.enqueue("acme/a", t.job(label));
    void queue.enqueue("acme/b", t.job("b1"));
    for (const label of ["a1", "b1", "a2", "a3"]) {
      await settle();
      await t.release(label);
    }
    expect(t.finished).toEqual(["a1", "b1", "a2", "a3"]);
  });

  it("logs a failed job with its repository and runs the later jobs", async () => {
    const log = recordingLog();
    const queue = new WorkQueue({ log });
    const t = tracker();
    const failed = queue.enqueue("acme/widgets", t.job("a1"));
    const thrownAtOnce = queue.enqueue("acme/widgets", () => {
      throw new Error("thrown before any await");
    });
    const later = queue.enqueue("acme/widgets", t.job("a3"));
    await t.release("a1", new Error("GitHub answered 502"));
    await expect(failed).resolves.toBeUndefined();
    await expect(thrownAtOnce).resolves.toBeUndefined();
    await t.release("a3");
    await expect(later).resolves.toBeUndefined();
    expect(t.finished).toEqual(["a1", "a3"]);
    expect(log.errors.map((e) => [e.fields.key, (e.fields.err as Error).message])).toEqual([
      ["acme/widgets", "GitHub answered 502"],
      ["acme/widgets", "thrown before any await"],
    ]);
  });

  it("reports a failed job as a process warning when no logger was given", async () => {
    const queue = new WorkQueue();
    const warnings: Error[] = [];
    const listener = (warning: Error) => void warnings.push(warning);
    process.on("warning", listener);
    try {
      await queue.enqueue("acme/widgets", async () => {
        throw new Error("lost the race");
      });
      await settle();
    } finally {
      process.off("warning", listener);
    }
    expect(warnings.map((w) => w.message)).toEqual([expect.stringContaining("lost the race")]);
  });

  describe("dedupe", () => {
    it("drops a job whose dedupe key is already waiting, and resolves it with the waiting one", async () => {
      const queue = new WorkQueue({ log: recordingLog() });
      const t = tracker();
      const runs: string[] = [];
      void queue.enqueue("acme/widgets", t.job("busy"));
      const first = queue.enqueue("acme/widgets", async () => void runs.push("first"), { dedupeKey: "gates:abc123" });
      const second = queue.enqueue("acme/widgets", async () => void runs.push("second"), { dedupeKey: "gates:abc123" });
      const other = queue.enqueue("acme/widgets", async () => void runs.push("other"), { dedupeKey: "gates:def456" });
      expect(queue.pending("acme/widgets")).toBe(3);
      let secondDone = false;
      void second.then(() => (secondDone = true));
      await settle();
      expect(secondDone).toBe(false);
      await t.release("busy");
      await Promise.all([first, second, other]);
      expect(secondDone).toBe(true);
      expect(runs).toEqual(["first", "other"]);
    });

    it("queues the same dedupe key again once the earlier job has started", async () => {
      const queue = new WorkQueue({ log: recordingLog() });
      const t = tracker();
      void queue.enqueue("acme/widgets", t.job("sha-run-1"), { dedupeKey: "gates:abc123" });
      await settle();
      void queue.enqueue("acme/widgets", t.job("sha-run-2"), { dedupeKey: "gates:abc123" });
      await t.release("sha-run-1");
      await t.release("sha-run-2");
      expect(t.finished).toEqual(["sha-run-1", "sha-run-2"]);
    });

    it("does not dedupe across repositories", async () => {
      const queue = new WorkQueue({ concurrency: 1, log: recordingLog() });
      const t = tracker();
      void queue.enqueue("acme/busy", t.job("busy"));
      void queue.enqueue("acme/a", t.job("a"), { dedupeKey: "same" });
      void queue.enqueue("acme/b", t.job("b"), { dedupeKey: "same" });
      for (const label of ["busy", "a", "b"]) await t.release(label);
      expect(t.finished).toEqual(["busy", "a", "b"]);
    });
  });

  it("counts the jobs not finished, per repository and in total", async () => {
    const queue = new WorkQueue({ concurrency: 1, log: recordingLog() });
    const t = tracker();
    void queue.enqueue("acme/a", t.job("a1"));
    void queue.enqueue("acme/a", t.job("a2"));
    void queue.enqueue("acme/b", t.job("b1"));
    expect([queue.pending("acme/a"), queue.pending("acme/b"), queue.pending("acme/none"), queue.size()]).toEqual([
      2, 1, 0, 3,
    ]);
    await settle();
    await t.release("a1");
    expect([queue.pending("acme/a"), queue.size()]).toEqual([1, 2]);
    await t.release("b1");
    await t.release("a2");
    expect(queue.size()).toBe(0);
  });

  it("refuses a concurrency below one", () => {
    expect(() => new WorkQueue({ concurrency: 0 })).toThrow(/concurrency must be a whole number of at least 1, got 0/);
  });
});
