import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { octokitPort } from "../../src/github/index.js";
import { testServices } from "../helpers/test-services.js";
import { reevaluateOpenTaskPulls } from "../../src/handlers/scheduling/merge-evaluations.js";
import type { RecordedRequest } from "@autopilot/github-sandbox/http";
import {
  markReady,
  pushCommit,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
} from "./app-harness.js";
import { findings } from "./task-lifecycle.js";

const repo = { owner: "acme", repo: "widgets" };
const accept = {
  decision: "accept",
  recommended_status: "done",
  next_actions: [],
  summary: "Meets the spec.",
  reasons: ["ok"],
};

/**
 * How much the merge handler reads for one push. Every merge evaluation of a ready PR with a
 * required status reads its head's commit statuses once (`repos/list-commit-statuses-for-ref`,
 * which no other job reads for a PR's head), so counting those counts evaluations. (Reviews are
 * read only where the policy asks for an approval: not for these low-risk tasks.)
 */
describe("merge evaluations are coalesced per pull request", () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: accept }),
      ),
    });
    await setRepoConfig(
      h,
      ["merge:", "  required_checks: [ci/test]", "owners: [octocat]", "dispatch:", "  target: none", ""].join("\n"),
    );
  });
  afterAll(() => h.close());

  const evaluations = (requests: RecordedRequest[], number: number) => {
    const heads = headsOf.get(number) ?? new Set<string>();
    return requests.filter(
      (request) =>
        request.operationId === "repos/list-commit-statuses-for-ref" &&
        [...heads].some((sha) => request.path.endsWith(`/commits/${sha}/statuses`)),
    ).length;
  };
  /** Every head a PR had during the test (its statuses are read by nothing but its merge evaluations). */
  const headsOf = new Map<number, Set<string>>();
  const noteHead = async (number: number) => {
    const { sha } = (await h.user.rest.pulls.get({ ...repo, pull_number: number })).data.head;
    headsOf.set(number, (headsOf.get(number) ?? new Set()).add(sha));
  };
  const lastDeliveryId = () => h.sandbox.deliveries.list({ per_page: 1 }).deliveries[0]?.id ?? 0;
  /** Deliveries since `after` that ask the merge handler for an evaluation. */
  const asking = (after: number) =>
    h.sandbox.deliveries
      .list({ per_page: 100 })
      .deliveries.filter((delivery) => delivery.id > after)
      .filter((delivery) =>
        `${delivery.event}.${delivery.action}`.match(
          /^(pull_request\.synchronize|check_run\.completed|check_suite\.completed)$/,
        ),
      );

  it("evaluates once for a push, though the push, the gates, the review and their suites each ask", async () => {
    const { issue, pull, branch } = await startTask(h, "Paginate", "src/widgets/**", "low");
    await pushCommit(h.user, branch, `Page\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/a.ts": "export const a = 1;\n",
    });
    await markReady(h, pull.node_id);

    const requestsBefore = h.sandbox.requests().length;
    const deliveriesBefore = lastDeliveryId();
    await pushCommit(h.user, branch, `Page 2\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/a.ts": "export const a = 2;\n",
    });
    await h.settle();
    const requests = h.sandbox.requests().slice(requestsBefore);
    await noteHead(pull.number);

    // synchronize, a check_run per gate, the gates' suite, the review's check_run (and its suite)
    expect(asking(deliveriesBefore).length).toBeGreaterThanOrEqual(6);
    // without coalescing: 3 evaluations and 37 requests for this push (measured before the review read the
    // repository's instructions, the widened hunks and the owners' decisions and posted its line review: four more,
    // the same with or without coalescing, so 41 now). Now one after the gates and the
    // review when the review's result is in by then, or two when it completes after the first evaluation read the
    // head (news that evaluation could not see): which one depends on when GitHub delivers the review's events
    expect(evaluations(requests, pull.number)).toBeGreaterThanOrEqual(1);
    expect(evaluations(requests, pull.number)).toBeLessThanOrEqual(2);
    expect(requests.length).toBeLessThan(41);
    const newHead = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.head.sha;

    // a redelivered check event about runs already seen is not evaluated again…
    const suite = asking(deliveriesBefore).find((delivery) => delivery.event === "check_suite");
    const beforeRedelivery = h.sandbox.requests().length;
    await h.sandbox.deliveries.redeliver(suite?.id ?? -1);
    await h.settle();
    expect(evaluations(h.sandbox.requests().slice(beforeRedelivery), pull.number)).toBe(0);

    // …while news it cannot have seen is: CI reports, and the PR merges
    const beforeStatus = h.sandbox.requests().length;
    await h.ci.rest.repos.createCommitStatus({ ...repo, sha: newHead, state: "success", context: "ci/test" });
    await h.settle();
    // the queue names the task PR on the status's branch: no pull request listing to find it (up to
    // the merge: the records that follow it look for the app's records PR)
    const sinceStatus = h.sandbox.requests().slice(beforeStatus);
    const mergedAt = sinceStatus.findIndex((request) => request.operationId === "pulls/merge");
    const afterStatus = mergedAt < 0 ? sinceStatus : sinceStatus.slice(0, mergedAt);
    expect(evaluations(afterStatus, pull.number)).toBeGreaterThanOrEqual(1);
    expect(afterStatus.filter((request) => request.operationId === "pulls/list")).toEqual([]);
    for (
      let round = 0;
      round < 2 && !(await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.merged;
      round += 1
    ) {
      const { sha } = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.head;
      await h.ci.rest.repos.createCommitStatus({ ...repo, sha, state: "success", context: "ci/test" });
      await h.settle();
    }
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.merged).toBe(true);
  });

  it("a commit status on a branch no task is on costs no call: no pull request is listed or read", async () => {
    await h.user.rest.git.createRef({
      ...repo,
      ref: "refs/heads/feature/not-a-task",
      sha: (await h.user.rest.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha,
    });
    const head = await pushCommit(h.user, "feature/not-a-task", "A person's change", {
      "src/people/a.ts": "export const person = 1;\n",
    });
    await h.user.rest.pulls.create({ ...repo, head: "feature/not-a-task", base: "main", title: "A person's PR" });
    await h.settle();
    const before = h.sandbox.requests().length;
    await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head, state: "success", context: "ci/test" });
    await h.settle();
    const asked = h.sandbox
      .requests()
      .slice(before)
      .filter((request) => request.status !== 304)
      .map((request) => request.operationId);
    // the status itself (the CI's request) is all; the app's conditional reads of its configuration and queue are 304
    expect(asked.filter((operation) => operation?.startsWith("pulls/"))).toEqual([]);
    expect(asked).toEqual(["repos/create-commit-status"]);
  });

  it("reevaluateOpenTaskPulls queues one evaluation per open task PR", async () => {
    const { issue, pull, branch } = await startTask(h, "Sort", "src/sorting/**", "low");
    await pushCommit(h.user, branch, `Sort\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/sorting/a.ts": "export const a = 1;\n",
    });
    // ready: a draft's evaluation reads only its check runs, not the statuses counted here
    await markReady(h, pull.node_id);
    await h.settle();
    const octokit = await h.autopilot.app.probot.auth(h.sandbox.installationId);
    const silent = {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
      child: () => silent,
    };
    const services = testServices({ work: h.autopilot.work });
    const ctx = {
      owner: "acme",
      repo: "widgets",
      github: octokitPort(octokit, repo),
      defaultBranch: "main",
      delivery: null,
      log: silent as never,
      services,
    };
    // every open task PR, whatever the other test of this file left: a merged task is done, not reevaluated
    const open = (await h.user.rest.pulls.list({ ...repo, state: "open" })).data;
    const openTasks = open.filter((item) => item.title.startsWith("[T-")).map((item) => item.number);
    await noteHead(pull.number);
    const before = h.sandbox.requests().length;
    const queued = await reevaluateOpenTaskPulls(ctx);
    await h.settle();
    expect(queued).toContain(pull.number);
    expect([...queued].sort((a, b) => a - b)).toEqual(openTasks.sort((a, b) => a - b));
    expect(evaluations(h.sandbox.requests().slice(before), pull.number)).toBe(1);
  });
});
