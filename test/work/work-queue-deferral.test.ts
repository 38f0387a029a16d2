import { describe, expect, it } from "vitest";
import { WorkQueue, type JobMetrics } from "../../src/work/index.js";
import { recordingLog } from "./recording-log.js";

/** What a job throws when GitHub's rate limit of its installation is spent: it names when to run again. */
const spent = (inMs: number) =>
  Object.assign(new Error("GitHub's rate limit is spent"), { status: 403, deferredUntil: Date.now() + inMs });

function countingMetrics(): JobMetrics & { outcomes: string[] } {
  const outcomes: string[] = [];
  return { outcomes, jobFinished: (_event, outcome) => void outcomes.push(outcome) };
}

describe("WorkQueue: a job stopped by a spent rate limit", () => {
  it("frees its slot at once and runs again after the reset; its promise and drain wait for that run", async () => {
    const log = recordingLog();
    const metrics = countingMetrics();
    const queue = new WorkQueue({ concurrency: 1, log, metrics });
    const runs: string[] = [];
    let first = true;
    const deferred = queue.enqueue("acme/widgets", async () => {
      runs.push("limited");
      if (first) {
        first = false;
        throw spent(50);
      }
    });
    // the one slot is free for another installation's repository meanwhile
    await queue.enqueue("other/repo", async () => void runs.push("other"));
    expect(runs).toEqual(["limited", "other"]);
    expect(queue.size()).toBe(1);
    await queue.drain();
    await deferred;
    expect(runs).toEqual(["limited", "other", "limited"]);
    expect(metrics.outcomes).toEqual(["deferred", "ok", "ok"]);
    expect(log.errors).toEqual([]);
    expect(log.warnings.map((line) => line.message)).toEqual([
      "work queue: job deferred: GitHub's rate limit is spent",
    ]);
    expect(log.warnings[0]?.fields.until).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("keeps one of two deferred jobs of the same dedupe key in one repository", async () => {
    const queue = new WorkQueue({ concurrency: 2, log: recordingLog() });
    let runs = 0;
    const job = async () => {
      runs += 1;
      if (runs <= 2) throw spent(30);
    };
    await Promise.all([
      queue.enqueue("acme/widgets", job, { dedupeKey: "merge#7" }),
      queue.enqueue("acme/widgets", job, { dedupeKey: "merge#7" }).catch(() => undefined),
    ]);
    // two ran and were stopped (the second was not waiting when the first started), one ran again
    expect(runs).toBe(3);
  });

  it("settles at once, without a second run, a job queued not to run again (a sweep)", async () => {
    const log = recordingLog();
    const queue = new WorkQueue({ log });
    let runs = 0;
    await queue.enqueue(
      "acme/widgets",
      async () => {
        runs += 1;
        throw spent(60_000);
      },
      { runAfterDeferral: false },
    );
    expect(runs).toBe(1);
    expect(queue.size()).toBe(0);
    expect(log.errors).toEqual([]);
    expect(log.warnings.map((line) => line.message)).toEqual(["work queue: job stopped: GitHub's rate limit is spent"]);
  });

  it("drops deferred jobs at shutdown instead of waiting an hour, saying the sweep redoes them", async () => {
    const log = recordingLog();
    const queue = new WorkQueue({ log });
    let runs = 0;
    const deferred = queue.enqueue("acme/widgets", async () => {
      runs += 1;
      throw spent(60 * 60_000);
    });
    await new Promise((resolve) => setImmediate(resolve));
    await queue.close();
    await deferred;
    expect(runs).toBe(1);
    expect(log.warnings.map((line) => line.message)).toContain(
      "work queue: deferred job dropped at shutdown; the next sweep redoes it",
    );
  });

  it("treats any other failure as before: logged as an error, not run again", async () => {
    const log = recordingLog();
    const queue = new WorkQueue({ log });
    let runs = 0;
    await queue.enqueue("acme/widgets", async () => {
      runs += 1;
      throw Object.assign(new Error("Not Found"), { status: 404 });
    });
    expect(runs).toBe(1);
    expect(log.errors).toHaveLength(1);
  });
});
