import { afterEach, describe, expect, it } from "vitest";
import { seededRandom, type WebhookFaults } from "../../src/sandbox/webhooks/index.js";
import { fakeGithubToken } from "../helpers/fake-credentials.js";
import {
  commentBodies,
  dispatchesOf,
  labelNames,
  markReady,
  pushCommit,
  queueEntryOf,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
} from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const findings = { risks: [], missing_deliverables: [], test_gaps: [], followups: [] };
const accept = { decision: "accept", recommended_status: "done", next_actions: [], summary: "Meets the spec.", reasons: ["pages by 50"] };
const config = ["merge:", "  required_checks: [ci/test]", "owners: [octocat]", "dispatch:", "  target: none", ""].join("\n");

/**
 * A low-risk task from label to merge while GitHub's webhooks misbehave (duplicated, reordered,
 * late), and what a person would check afterwards: one PR, one merge, one review comment, one
 * check run of each gate per head, the labels and the queue line right.
 */
async function lifecycle(h: AppHarness) {
  const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
  await pushCommit(h.user, branch, `Page by 50\n\nTask: T-${issue}\nRefs: NT-0012\n`, { "src/widgets/list-widgets.ts": "export const pageSize = 50;\n" });
  await markReady(h, pull.node_id);
  // CI reports on every head the PR has (an update-branch makes a new one)
  for (let round = 0; round < 3; round += 1) {
    const { head, merged } = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data;
    if (merged) break;
    await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head.sha, state: "success", context: "ci/test" });
    await h.settle();
  }
  return { issue, pull, branch };
}

async function expectConverged(h: AppHarness, issue: number, pullNumber: number): Promise<void> {
  const task = `T-${issue}`;
  const pull = (await h.user.rest.pulls.get({ ...repo, pull_number: pullNumber })).data;
  expect(pull.merged).toBe(true);
  const pulls = (await h.user.rest.pulls.list({ ...repo, state: "all" })).data.filter((item) => item.title.startsWith(`[${task}]`));
  expect(pulls.map((item) => item.number)).toEqual([pullNumber]);
  const merges = h.sandbox.requests().filter((request) => request.operationId === "pulls/merge" && request.status === 200);
  expect(merges).toHaveLength(1);
  expect(dispatchesOf(h, task).length).toBeLessThanOrEqual(1);

  const reviews = (await commentBodies(h, pullNumber)).filter((body) => body.includes("<!-- autopilot:review-json"));
  expect(reviews).toHaveLength(1);

  // one check run per gate on every head, each completed (all check runs here are the app's)
  const runs = [...h.sandbox.repo.checkRuns.values()];
  const perHead = runs.map((run) => `${run.headSha.slice(0, 7)} ${run.name}`);
  expect(runs.some((run) => run.headSha === pull.head.sha)).toBe(true);
  expect(perHead).toEqual([...new Set(perHead)]);
  expect(runs.filter((run) => run.status !== "completed").map((run) => run.name)).toEqual([]);

  const entry = await queueEntryOf(h, task);
  expect(entry?.status).toBe("done");
  const moves = entry?.history.map((item) => `${item.from ?? "none"} → ${item.to}`);
  expect(moves).toEqual(["none → in_progress", "in_progress → review", "review → done"]);

  expect((await h.user.rest.issues.get({ ...repo, issue_number: issue })).data.state).toBe("closed");
  expect((await labelNames(h, issue)).sort()).toEqual(["autopilot", "autopilot:done", "risk:low"]);
  expect((await labelNames(h, pullNumber)).sort()).toEqual(["autopilot:review", "risk:low"]);
}

describe("the app converges when webhooks are duplicated, reordered and late", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const start = async (faults: WebhookFaults): Promise<AppHarness> => {
    h = await startAppHarness({ reviewPorts: scriptedReviewers(() => ({ output: findings }), () => ({ output: accept })) });
    await setRepoConfig(h, config);
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
        { kind: "hold", match: { event: "push", payload: (payload) => payload.ref !== "refs/heads/main" }, until: readyForReview },
        { kind: "hold", match: { event: "pull_request", action: "synchronize" }, until: readyForReview },
        { kind: "hold", match: { event: "check_run", action: "created" }, until: { event: "check_run", action: "completed" }, times: Infinity },
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
      expect([...(await commentBodies(harness, issue)), ...(await commentBodies(harness, pull.number))]).toEqual(before.comments);
      expect((await harness.user.rest.repos.getBranch({ ...repo, branch: "main" })).data.commit.sha).toBe(before.main);
      expect(harness.sandbox.repo.checkRuns.size).toBe(before.runs);
      expect((await harness.user.rest.issues.listForRepo({ ...repo, state: "all", per_page: 100 })).data.length).toBe(before.issues);
    });
  }

  it("a credential pushed once is reported once, however often GitHub delivers the push", async () => {
    const harness = await start({ rules: [{ kind: "duplicate", guid: "new", match: { event: "check_suite" }, after: 2, times: Infinity }] });
    const main = (await harness.user.rest.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha;
    await harness.user.rest.git.createRef({ ...repo, ref: "refs/heads/spike", sha: main });
    const sha = await pushCommit(harness.user, "spike", "Try the API", { "spike.ts": `const key = "${fakeGithubToken()}";\n` });
    await harness.settle();
    const requested = harness.sandbox.deliveries.list({ per_page: 100 }).deliveries.filter((item) => item.event === "check_suite");
    for (const delivery of requested) void harness.sandbox.deliveries.redeliver(delivery.id);
    await harness.settle();

    const warnings = (await harness.user.rest.issues.listForRepo({ ...repo, state: "all", per_page: 100 })).data.filter((item) =>
      item.title.startsWith("A credential was pushed to spike"),
    );
    expect(warnings).toHaveLength(1);
    const runs = (await harness.user.rest.checks.listForRef({ ...repo, ref: sha })).data.check_runs;
    expect(runs.map((run) => [run.name, run.conclusion])).toEqual([["autopilot/secrets", "failure"]]);
  });

  for (const seed of [1, 2, 3]) {
    it(`random duplicates, reordering and delays (seed ${seed})`, async () => {
      const harness = await start({ duplicateRate: 0.3, reorderRate: 0.3, delayRate: 0.2, delayMs: 40, random: seededRandom(seed) });
      const { issue, pull } = await lifecycle(harness);
      await expectConverged(harness, issue, pull.number);
    });
  }
});
