import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { silentLog } from "../helpers/silent-log.js";
import { taskStatus, type AppHarness } from "./app-harness.js";
import { greenTask, pullOf, repo, startAccepting } from "./merge-queue-setup.js";

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

/**
 * Spends the app installation's whole REST budget, as another integration on the installation
 * would (GitHub counts all the installation's tokens together), and checks it is spent.
 */
async function spendInstallationBudget(harness: AppHarness): Promise<void> {
  const { sandbox } = harness;
  const token = sandbox.auth.createInstallationToken(sandbox.installationId).token;
  const integration = new ProbotOctokit({
    baseUrl: sandbox.apiUrl,
    auth: { token },
    log: silentLog,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  for (
    let spent = 0;
    sandbox.rateLimit({ installationId: sandbox.installationId }).remaining > 0 && spent < 200;
    spent++
  )
    await integration.request("GET /repos/{owner}/{repo}", repo);
  expect(sandbox.rateLimit({ installationId: sandbox.installationId }).remaining).toBe(0);
}

describe("an installation whose GitHub budget runs out", () => {
  it("carries a task from label to merge, sending nothing while the budget is spent", async () => {
    // GitHub's hourly budget, shrunk: 60 REST requests (and 60 GraphQL points) every 5 seconds
    h = await startAccepting(["merge:", "  required_checks: [ci/test]"], {
      rateLimits: { installation: 60, windowMs: 5000 },
    });
    // another integration of the installation has spent the budget when the issue is labelled
    await spendInstallationBudget(h);
    const task = await greenTask(h, "Paginate widget lists", "src/widgets", "list.ts");
    await h.settle();
    expect((await pullOf(h, task.number)).merged).toBe(true);
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("done");

    const refused = h.sandbox.requests().filter((request) => request.limited === "primary_rate_limit");
    const paused = await counted(h, "autopilot_github_rate_limit_pauses_total");
    // the app met the spent budget and noticed it
    expect(refused.length).toBeGreaterThan(0);
    expect(paused).toBeGreaterThan(0);
    // at most the requests already in flight when a budget ran out are refused: never one sent into a known pause
    expect(refused.length).toBeLessThanOrEqual(paused * 4);
    // nothing was lost: every job a spent budget stopped ran again after the reset, none failed
    expect(await counted(h, "autopilot_errors_total", "job")).toBe(0);
  }, 120_000);

  it("sweeps at the reset what a spent budget cut off, without waiting for the schedule", async () => {
    h = await startAccepting(["merge:", "  required_checks: [ci/test]"], {
      rateLimits: { installation: 60, windowMs: 5000 },
    });
    // the app as in production: one sweep at start-up, the next an hour later; each sweep reported
    const sweeps: Promise<void>[] = [];
    let reported: (() => void) | undefined;
    const sweepCount = (count: number) =>
      new Promise<void>((resolve) => {
        reported = () => sweeps.length >= count && resolve();
        reported();
      });
    await h.restartApp({
      sweepIntervalMs: 60 * 60_000,
      onSweep: (run) => {
        sweeps.push(run);
        reported?.();
      },
    });
    await sweepCount(1);
    await sweeps[0];
    await h.settle();

    // the budget spent, then an issue labelled: the app's first request for it is refused and the
    // installation paused; at the reset the app sweeps (no hour-long wait for the schedule)
    await spendInstallationBudget(h);
    await h.user.rest.issues.create({ ...repo, title: "Anything", labels: ["autopilot"] });
    await sweepCount(2);
    expect(await counted(h, "autopilot_github_rate_limit_pauses_total")).toBeGreaterThan(0);
    await sweeps[1];
    await h.settle();
  }, 120_000);
});
