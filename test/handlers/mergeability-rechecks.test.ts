import { describe, expect, it } from "vitest";
import { MergeabilityRechecks } from "../../src/handlers/scheduling/mergeability-rechecks.js";

/** Timers the test fires by hand, with the pause each was set for. */
function manualTimers() {
  const pending: { run: () => void; ms: number; cleared: boolean }[] = [];
  return {
    pending,
    setTimer: (run: () => void, ms: number) => {
      const timer = { run, ms, cleared: false, unref: () => undefined };
      pending.push(timer);
      return timer;
    },
    clearTimer: (timer: unknown) => void ((timer as { cleared: boolean }).cleared = true),
    fire: () => pending.shift()?.run(),
  };
}

describe("later evaluations of a PR whose mergeability GitHub is computing", () => {
  it("schedules one at a time with growing pauses, and stops after maxAttempts (the sweep takes over)", () => {
    const timers = manualTimers();
    const rechecks = new MergeabilityRechecks({ maxAttempts: 3, delayMs: (attempt) => attempt * 1_000, ...timers });
    const runs: number[] = [];
    expect(rechecks.schedule("acme/widgets#2", () => runs.push(1))).toBe(true);
    // a second wait while one is scheduled adds nothing
    expect(rechecks.schedule("acme/widgets#2", () => runs.push(99))).toBe(false);
    timers.fire();
    expect(rechecks.schedule("acme/widgets#2", () => runs.push(2))).toBe(true);
    timers.fire();
    expect(rechecks.schedule("acme/widgets#2", () => runs.push(3))).toBe(true);
    timers.fire();
    expect(rechecks.schedule("acme/widgets#2", () => runs.push(4))).toBe(false);
    expect(runs).toEqual([1, 2, 3]);
    expect(timers.pending).toEqual([]);
  });

  it("starts counting again once a decision no longer waits on mergeability; PRs count apart", () => {
    const timers = manualTimers();
    const rechecks = new MergeabilityRechecks({ maxAttempts: 1, delayMs: () => 5, ...timers });
    expect(rechecks.schedule("acme/widgets#2", () => undefined)).toBe(true);
    expect(rechecks.schedule("acme/widgets#3", () => undefined)).toBe(true);
    timers.fire();
    expect(rechecks.schedule("acme/widgets#2", () => undefined)).toBe(false);
    rechecks.settled("acme/widgets#2");
    expect(rechecks.attemptsOf("acme/widgets#2")).toBe(0);
    expect(rechecks.schedule("acme/widgets#2", () => undefined)).toBe(true);
  });

  it("backs off by default (2 s or more) and cancels everything at shutdown", () => {
    const timers = manualTimers();
    const rechecks = new MergeabilityRechecks({ setTimer: timers.setTimer, clearTimer: timers.clearTimer });
    rechecks.schedule("acme/widgets#2", () => undefined);
    expect(timers.pending[0]?.ms).toBeGreaterThanOrEqual(2_000);
    rechecks.clear();
    expect(timers.pending[0]?.cleared).toBe(true);
  });

  it("refuses a nonsensical bound with a clear message", () => {
    expect(() => new MergeabilityRechecks({ maxAttempts: -1 })).toThrow("maxAttempts must be an integer ≥ 0, got -1");
  });
});
