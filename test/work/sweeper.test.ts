import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Sweeper } from "../../src/work/index.js";
import { deferred } from "./deferred.js";
import { recordingLog } from "./recording-log.js";
import type { Deferred } from "./deferred.js";

const intervalMs = 60_000;

/** A sweep the test ends by hand: `calls` counts how many were started. */
function controlledRun() {
  const sweeps: Deferred[] = [];
  return {
    sweeps,
    calls: () => sweeps.length,
    run: () => {
      const sweep = deferred();
      sweeps.push(sweep);
      return sweep.promise;
    },
    end: async (index: number, error?: Error) => {
      if (error) sweeps[index]?.reject(error);
      else sweeps[index]?.resolve();
      await vi.advanceTimersByTimeAsync(0);
    },
  };
}

describe("Sweeper", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sweeps at once, then an interval after each sweep ends", async () => {
    const c = controlledRun();
    const sweeper = new Sweeper({ intervalMs, run: c.run, log: recordingLog() });
    sweeper.start();
    expect(c.calls()).toBe(1);
    await c.end(0);
    await vi.advanceTimersByTimeAsync(intervalMs - 1);
    expect(c.calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(c.calls()).toBe(2);
    await c.end(1);
    await vi.advanceTimersByTimeAsync(intervalMs);
    expect(c.calls()).toBe(3);
    await c.end(2);
    await sweeper.stop();
  });

  it("sweeps soon when asked (a rate limit's reset): now when idle, else right after the sweep in flight", async () => {
    const c = controlledRun();
    const sweeper = new Sweeper({ intervalMs, run: c.run, log: recordingLog() });
    sweeper.soon();
    expect(c.calls()).toBe(0);
    sweeper.start();
    // asked twice during the first sweep: one more sweep, as soon as it ends
    sweeper.soon();
    sweeper.soon();
    expect(c.calls()).toBe(1);
    await c.end(0);
    expect(c.calls()).toBe(2);
    await c.end(1);
    // idle now: a request sweeps at once, and the interval starts over after it
    await vi.advanceTimersByTimeAsync(intervalMs / 2);
    sweeper.soon();
    expect(c.calls()).toBe(3);
    await c.end(2);
    await vi.advanceTimersByTimeAsync(intervalMs - 1);
    expect(c.calls()).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(c.calls()).toBe(4);
    await c.end(3);
    await sweeper.stop();
    sweeper.soon();
    expect(c.calls()).toBe(4);
  });

  it("never starts a sweep while the previous one still runs", async () => {
    const c = controlledRun();
    const sweeper = new Sweeper({ intervalMs, run: c.run, log: recordingLog() });
    sweeper.start();
    await vi.advanceTimersByTimeAsync(intervalMs * 10);
    expect(c.calls()).toBe(1);
    expect(sweeper.running).toBe(true);
    await c.end(0);
    expect(sweeper.running).toBe(false);
    await vi.advanceTimersByTimeAsync(intervalMs);
    expect(c.calls()).toBe(2);
    await c.end(1);
    await sweeper.stop();
  });

  it("logs a failed sweep and keeps sweeping", async () => {
    const c = controlledRun();
    const log = recordingLog();
    const sweeper = new Sweeper({ intervalMs, run: c.run, log });
    sweeper.start();
    await c.end(0, new Error("installation token expired"));
    expect(log.errors.map((e) => (e.fields.err as Error).message)).toEqual(["installation token expired"]);
    await vi.advanceTimersByTimeAsync(intervalMs);
    expect(c.calls()).toBe(2);
    await c.end(1);
    await sweeper.stop();
  });

  it("start twice sweeps once", async () => {
    const c = controlledRun();
    const sweeper = new Sweeper({ intervalMs, run: c.run, log: recordingLog() });
    sweeper.start();
    sweeper.start();
    expect(c.calls()).toBe(1);
    await c.end(0);
    await sweeper.stop();
  });

  it("stop waits for the sweep in flight and schedules no more", async () => {
    const c = controlledRun();
    const sweeper = new Sweeper({ intervalMs, run: c.run, log: recordingLog() });
    sweeper.start();
    let stopped = false;
    const stopping = sweeper.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    await c.end(0);
    await stopping;
    await vi.advanceTimersByTimeAsync(intervalMs * 5);
    expect(c.calls()).toBe(1);
    sweeper.start();
    expect(c.calls()).toBe(1);
  });

  it("stop between sweeps cancels the next one", async () => {
    const c = controlledRun();
    const sweeper = new Sweeper({ intervalMs, run: c.run, log: recordingLog() });
    sweeper.start();
    await c.end(0);
    await sweeper.stop();
    await vi.advanceTimersByTimeAsync(intervalMs * 5);
    expect(c.calls()).toBe(1);
  });

  it("refuses an interval that is not a positive number", () => {
    expect(() => new Sweeper({ intervalMs: 0, run: async () => {}, log: recordingLog() })).toThrow(
      /intervalMs must be a positive/,
    );
  });
});

describe("Sweeper timer", () => {
  it("does not keep the process alive between sweeps", async () => {
    // the timer the sweeper schedules for its next sweep, as Node made it (counting the process's
    // timers instead would see any other test's timer come and go on a busy machine)
    const scheduled: NodeJS.Timeout[] = [];
    const realSetTimeout = globalThis.setTimeout;
    const spy = vi.spyOn(globalThis, "setTimeout").mockImplementation(((callback: () => void, ms?: number) => {
      const timer = realSetTimeout(callback, ms);
      scheduled.push(timer);
      return timer;
    }) as unknown as typeof setTimeout);
    const sweeper = new Sweeper({ intervalMs: 3_600_000, run: async () => {}, log: recordingLog() });
    try {
      sweeper.start();
      await new Promise((resolve) => setImmediate(resolve));
      expect(sweeper.running).toBe(false);
      expect(scheduled).toHaveLength(1);
      expect(scheduled[0]?.hasRef()).toBe(false);
    } finally {
      spy.mockRestore();
      await sweeper.stop();
    }
  });
});
