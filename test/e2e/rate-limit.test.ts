import { afterEach, describe, expect, it } from "vitest";
import { scriptedReviewers, setRepoConfig, startAppHarness, taskStatus, type AppHarness } from "./app-harness.js";
import { greenTask, pullOf } from "./merge-queue-setup.js";
import { findings } from "./task-lifecycle.js";

const accept = {
  decision: "accept",
  recommended_status: "done",
  next_actions: [],
  summary: "Meets the spec.",
  reasons: ["pages by 50"],
};

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A counter of the app's metrics, summed over its labels (`source` picks one label value). */
async function counted(harness: AppHarness, name: string, source?: string): Promise<number> {
  const metric = await harness.autopilot.autopilot.metrics.registry.getSingleMetric(name)?.get();
  return (metric?.values ?? [])
    .filter((value) => source === undefined || value.labels.source === source)
    .reduce((sum, value) => sum + value.value, 0);
}

describe("an installation whose GitHub budget runs out again and again", () => {
  it("carries a task from label to merge, sending nothing while the budget is spent", async () => {
    // GitHub's hourly budget, shrunk: 40 REST requests (and 40 GraphQL points) every 4 seconds
    h = await startAppHarness({
      rateLimits: { installation: 40, windowMs: 4000 },
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: accept }),
      ),
    });
    await setRepoConfig(h, ["merge:", "  required_checks: [ci/test]", "dispatch:", "  target: none", ""].join("\n"));
    const task = await greenTask(h, "Paginate widget lists", "src/widgets", "list.ts");
    await h.settle();
    expect((await pullOf(h, task.number)).merged).toBe(true);
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("done");

    const refused = h.sandbox.requests().filter((request) => request.limited === "primary_rate_limit");
    const paused = await counted(h, "autopilot_github_rate_limit_pauses_total");
    // the budget ran out (the lifecycle needs far more than 40 requests) and the app noticed each time
    expect(paused).toBeGreaterThan(0);
    // at most the requests already in flight when a budget ran out are refused: never one sent into a known pause
    expect(refused.length).toBeLessThanOrEqual(paused * 4);
    // nothing was lost: every job a spent budget stopped ran again after the reset, none failed
    expect(await counted(h, "autopilot_errors_total", "job")).toBe(0);
  }, 120_000);
});
