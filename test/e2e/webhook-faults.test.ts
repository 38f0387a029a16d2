import { afterEach, describe, expect, it } from "vitest";
import { seededRandom, type WebhookFaults } from "@autopilot/github-sandbox/webhooks";
import { fakeGithubToken } from "../helpers/fake-credentials.js";
import {
  commentBodies,
  pushCommit,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  type AppHarness,
} from "./app-harness.js";
import { accept, expectConverged, findings, lifecycle, lifecycleConfig } from "./task-lifecycle.js";

const repo = { owner: "acme", repo: "widgets" };

// each test is a whole task lifecycle: more than the default minute on a loaded machine
describe("the app converges when webhooks are duplicated, reordered and late", { timeout: 180_000 }, () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const start = async (faults: WebhookFaults): Promise<AppHarness> => {
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: accept }),
      ),
    });
    await setRepoConfig(h, lifecycleConfig);
    h.sandbox.deliveries.setFaults(faults);
    return h;
  };

  it("every delivery twice under the same GUID (GitHub's redelivery)", async () => {
    const harness = await start({ rules: [{ kind: "duplicate", times: Infinity }] });
    const { issue, pull } = await lifecycle(harness);
    await expectConverged(harness, issue, pull.number);
    const redelivered = harness.sandbox.deliveries.list({ per_page: 100 }).deliveries.filter((item) => item.redelivery);
    expect(redelivered.length).toBeGreaterThan(10);
  });

  it("every delivery twice, the copy under a new GUID and three deliveries late", async () => {
    const harness = await start({ rules: [{ kind: "duplicate", guid: "new", after: 3, times: Infinity }] });
    const { issue, pull } = await lifecycle(harness);
    await expectConverged(harness, issue, pull.number);
  });

  it("ready_for_review before the push and synchronize, a check run's completion before its creation", async () => {
    const readyForReview = { event: "pull_request", action: "ready_for_review" };
    const harness = await start({
      rules: [
        { kind: "hold", match: { event: "issues", action: "opened" }, until: { event: "issues", action: "labeled" } },
        {
          kind: "hold",
          match: { event: "push", payload: (payload) => payload.ref !== "refs/heads/main" },
          until: readyForReview,
        },
        { kind: "hold", match: { event: "pull_request", action: "synchronize" }, until: readyForReview },
        {
          kind: "hold",
          match: { event: "check_run", action: "created" },
          until: { event: "check_run", action: "completed" },
          times: Infinity,
        },
        { kind: "hold", match: { event: "status" }, after: 2, times: Infinity },
      ],
    });
    const { issue, pull } = await lifecycle(harness);
    await expectConverged(harness, issue, pull.number);
    // the faults did happen: ready_for_review went out before the task branch's push
    const sent = harness.sandbox.deliveries.list({ per_page: 100 }).deliveries.reverse();
    const ready = sent.findIndex((item) => item.action === "ready_for_review");
    const synchronize = sent.findIndex((item) => item.action === "synchronize");
    expect(ready).toBeGreaterThanOrEqual(0);
    expect(synchronize).toBeGreaterThan(ready);
  });

  for (const guid of ["same", "new"] as const) {
    it(`every delivery again after the merge (${guid} GUID) changes nothing`, async () => {
      const harness = await start({});
      const { issue, pull } = await lifecycle(harness);
      await expectConverged(harness, issue, pull.number);
      const before = {
        comments: [...(await commentBodies(harness, issue)), ...(await commentBodies(harness, pull.number))],
        main: (await harness.user.rest.repos.getBranch({ ...repo, branch: "main" })).data.commit.sha,
        runs: harness.sandbox.repo.checkRuns.size,
        issues: (await harness.user.rest.issues.listForRepo({ ...repo, state: "all", per_page: 100 })).data.length,
      };

      const deliveries = harness.sandbox.deliveries.list({ per_page: 100 }).deliveries.reverse();
      for (const delivery of deliveries) {
        if (guid === "same") void harness.sandbox.deliveries.redeliver(delivery.id);
        else {
          const record = harness.sandbox.deliveries.get(delivery.id);
          void harness.sandbox.deliveries.send(delivery.event, record?.request.payload as Record<string, unknown>);
        }
      }
      await harness.settle();

      await expectConverged(harness, issue, pull.number);
      const comments = [...(await commentBodies(harness, issue)), ...(await commentBodies(harness, pull.number))];
      expect(comments).toEqual(before.comments);
      expect((await harness.user.rest.repos.getBranch({ ...repo, branch: "main" })).data.commit.sha).toBe(before.main);
      expect(harness.sandbox.repo.checkRuns.size).toBe(before.runs);
      const issues = (await harness.user.rest.issues.listForRepo({ ...repo, state: "all", per_page: 100 })).data;
      expect(issues.length).toBe(before.issues);
    });
  }

  it("a credential pushed once is reported once, however often GitHub delivers the push", async () => {
    const harness = await start({
      rules: [{ kind: "duplicate", guid: "new", match: { event: "check_suite" }, after: 2, times: Infinity }],
    });
    const main = (await harness.user.rest.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha;
    await harness.user.rest.git.createRef({ ...repo, ref: "refs/heads/spike", sha: main });
    const leak = { "spike.ts": `const key = "${fakeGithubToken()}";\n` };
    const sha = await pushCommit(harness.user, "spike", "Try the API", leak);
    await harness.settle();
    const requested = harness.sandbox.deliveries
      .list({ per_page: 100 })
      .deliveries.filter((item) => item.event === "check_suite");
    for (const delivery of requested) void harness.sandbox.deliveries.redeliver(delivery.id);
    await harness.settle();

    const warnings = (await harness.user.rest.issues.listForRepo({ ...repo, state: "all", per_page: 100 })).data.filter(
      (item) => item.title.startsWith("A credential was pushed to spike"),
    );
    expect(warnings).toHaveLength(1);
    const runs = (await harness.user.rest.checks.listForRef({ ...repo, ref: sha })).data.check_runs;
    expect(runs.map((run) => [run.name, run.conclusion])).toEqual([["autopilot/secrets", "failure"]]);
  });

  for (const seed of [1, 2, 3]) {
    it(`random duplicates, reordering and delays (seed ${seed})`, async () => {
      const random = seededRandom(seed);
      const harness = await start({ duplicateRate: 0.3, reorderRate: 0.3, delayRate: 0.2, delayMs: 40, random });
      const { issue, pull } = await lifecycle(harness);
      await expectConverged(harness, issue, pull.number);
    });
  }
});
