import { afterEach, describe, expect, it } from "vitest";
import { e2eThrottle, scriptedReviewers, setRepoConfig, startAppHarness, type AppHarness } from "./app-harness.js";
import { accept, expectConverged, findings, lifecycle, lifecycleConfig } from "./task-lifecycle.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * Probot's production throttling (@octokit/plugin-throttling) in the e2e tests: on in every
 * harness, with production's queueing and waits scaled by `e2eThrottle`; and one whole task
 * lifecycle with production's timing exactly.
 */
describe("the app's Octokit throttling in the e2e tests", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("is on in the harness: the app's writes that notify go out one at a time, spaced", async () => {
    h = await startAppHarness();
    const issue = (await h.user.rest.issues.create({ ...repo, title: "Notes" })).data.number;
    await h.settle();
    // the app's own installation client, as its handlers get it
    const octokit = await h.autopilot.app.probot.auth(h.sandbox.installationId);
    await octokit.rest.issues.get({ ...repo, issue_number: issue });
    const started = Date.now();
    const times = await Promise.all(
      [1, 2, 3].map(async (n) => {
        await octokit.rest.issues.createComment({ ...repo, issue_number: issue, body: `Note ${n}` });
        return Date.now() - started;
      }),
    );
    const interval = 3000 * e2eThrottle.timeScale;
    times.sort((a, b) => a - b);
    expect(times[1]).toBeGreaterThanOrEqual(interval - 10);
    expect(times[2]).toBeGreaterThanOrEqual(2 * interval - 10);
  });

  const tenMinutes = { timeout: 600_000 };
  it("takes a task from label to merge under production's throttling, timing included", tenMinutes, async () => {
    const reviewPorts = scriptedReviewers(
      () => ({ output: findings }),
      () => ({ output: accept }),
    );
    h = await startAppHarness({ throttle: true, reviewPorts });
    await setRepoConfig(h, lifecycleConfig);
    const { issue, pull } = await lifecycle(h);
    await expectConverged(h, issue, pull.number);
  });
});
