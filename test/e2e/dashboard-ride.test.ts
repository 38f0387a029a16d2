import { afterEach, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/index.js";
import { isDashboardBody } from "../../src/core/progress/index.js";
import { hmacSigner } from "../../src/core/seal.js";
import { octokitPort, type GithubClient } from "../../src/github/index.js";
import { findDashboard } from "../../src/handlers/dashboard/find-dashboard.js";
import { renderDashboardBody } from "../../src/handlers/dashboard/render-dashboard-body.js";
import type { ConfiguredContext } from "../../src/handlers/repo-context.js";
import { testServices } from "../helpers/test-services.js";
import {
  markReady,
  pushCommit,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
} from "./app-harness.js";
import { accept, findings, lifecycleConfig } from "./task-lifecycle.js";
import { silentLog as silent } from "../helpers/silent-log.js";

const repo = { owner: "acme", repo: "widgets" };
const login = "autopilot[bot]";

/** An hour: a debounced refresh runs only when the test flushes it. */
const noDebouncedRefresh = 60 * 60_000;

/**
 * The dashboard's edit rides in a request the job makes anyway (the labels after a dispatch, the
 * review's publish, the finish after a merge): the issue shows the new state with no
 * `PATCH /issues/{dashboard}`, and the text is the one a full refresh writes.
 */
describe("the dashboard edited in the job's own request", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const start = async () => {
    h = await startAppHarness({
      flushDashboards: false,
      dashboardDebounceMs: noDebouncedRefresh,
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: accept }),
      ),
    });
    await setRepoConfig(h, lifecycleConfig);
    return h;
  };
  const flushed = async (harness: AppHarness) => {
    await harness.autopilot.autopilot.flushDashboards();
    await harness.settle();
  };
  const dashboardOf = async (harness: AppHarness) => {
    const open = (
      await harness.user.paginate(harness.user.rest.issues.listForRepo, { ...repo, state: "open", per_page: 100 })
    ).filter((issue) => issue.user?.login === login && isDashboardBody(issue.body));
    expect(open).toHaveLength(1);
    return open[0]!;
  };
  const editsOf = (harness: AppHarness, number: number, since: number) =>
    harness.sandbox
      .requests()
      .slice(since)
      .filter((request) => request.method === "PATCH" && request.path.endsWith(`/repos/acme/widgets/issues/${number}`));
  /**
   * The body a full refresh of a fresh instance renders now (the instance knowing the merge it
   * made, when there is one) is the one shown, but for what an instance remembers on its own: the
   * refresh time, the readiness rows' dates (kept in memory until the state branch exists) and the
   * state branch's protection (read before the branch existed, again only after `protectionReadMs`).
   */
  const expectAsRefreshed = async (harness: AppHarness, shown: string, mergedSha?: string) => {
    // a replica of the same app: it signs with the app's webhook secret, so it believes the state line
    const sign = hmacSigner(harness.sandbox.webhookSecret);
    const services = testServices({ signRecord: sign, recordVerifiers: [sign] });
    if (mergedSha !== undefined) services.knownCommits.markMerged("acme/widgets", mergedSha);
    const ctx: ConfiguredContext = {
      github: octokitPort(harness.asApp() as unknown as GithubClient, repo),
      ...repo,
      defaultBranch: "main",
      delivery: null,
      log: silent,
      config: defaultConfig(),
      services,
    };
    const { body } = await renderDashboardBody(ctx, await findDashboard(ctx, login), { login });
    const comparable = (text: string) =>
      text
        .replace(/^Refreshed [^.\n]*\. /m, "Refreshed. ")
        .replace(/^\| branch protection of .*$/m, "| protection |")
        .replace(/\| \d{4}-\d\d-\d\d \d\d:\d\d UTC \|$/gm, "| since |");
    expect(comparable(shown)).toBe(comparable(body));
  };
  const rowOf = (issue: number, status: string) => new RegExp(`\\[T-${issue}\\]\\([^)]*\\) \\| [^|]+ \\| ${status}`);

  it("after a dispatch, a review and a merge: the new state, no PATCH of the issue, the text a refresh writes", async () => {
    const harness = await start();
    // the first task: the instance opens the dashboard (a refresh), and knows it from then on
    const first = await startTask(harness, "Paginate widget lists", "src/widgets/**", "low");
    await flushed(harness);
    const dashboard = await dashboardOf(harness);
    expect(dashboard.body).toMatch(rowOf(first.issue, "in_progress"));

    // the review: the move to review and the review's record shown, written with the review's publish
    let since = harness.sandbox.requests().length;
    await pushCommit(harness.user, first.branch, `Page\n\nTask: T-${first.issue}\nRefs: NT-0012\n`, {
      "src/widgets/list.ts": "export const pageSize = 50;\n",
    });
    await markReady(harness, first.pull.node_id);
    const reviewed = (await harness.user.rest.issues.get({ ...repo, issue_number: dashboard.number })).data.body!;
    expect(reviewed).toMatch(rowOf(first.issue, "review"));
    expect(editsOf(harness, dashboard.number, since)).toEqual([]);
    await flushed(harness);
    expect(editsOf(harness, dashboard.number, since)).toEqual([]);
    await expectAsRefreshed(harness, reviewed);

    // the merge: done, main's CI pending on the merge commit, written with the request closing the issue
    since = harness.sandbox.requests().length;
    const head = (await harness.user.rest.pulls.get({ ...repo, pull_number: first.pull.number })).data.head.sha;
    await harness.ci.rest.repos.createCommitStatus({ ...repo, sha: head, state: "success", context: "ci/test" });
    await harness.settle();
    const merged = (await harness.user.rest.pulls.get({ ...repo, pull_number: first.pull.number })).data;
    expect(merged.merged).toBe(true);
    const afterMerge = (await harness.user.rest.issues.get({ ...repo, issue_number: dashboard.number })).data.body!;
    expect(afterMerge).toMatch(new RegExp(`\\[T-${first.issue}\\]\\([^)]*\\) [^\\n]*: review → done`));
    expect(afterMerge).toContain(`pending on ${merged.merge_commit_sha!.slice(0, 7)}, merged just now`);
    expect(editsOf(harness, dashboard.number, since)).toEqual([]);
    await flushed(harness);
    expect(editsOf(harness, dashboard.number, since)).toEqual([]);
    await expectAsRefreshed(harness, afterMerge, merged.merge_commit_sha!);

    // a dispatch: the new task shown, written with the labels of its issue and draft PR
    since = harness.sandbox.requests().length;
    const second = await startTask(harness, "Sort gadget lists", "src/gadgets/**", "low");
    const dispatched = (await harness.user.rest.issues.get({ ...repo, issue_number: dashboard.number })).data.body!;
    expect(dispatched).toMatch(rowOf(second.issue, "in_progress"));
    expect(editsOf(harness, dashboard.number, since)).toEqual([]);
    await flushed(harness);
    expect(editsOf(harness, dashboard.number, since)).toEqual([]);
    // (the dispatch read main's CI itself: from then on the merge commit's CI shows as read)
    await expectAsRefreshed(harness, dispatched);
  });

  it("a dashboard a person closed: the job's work stands, the edit's answer says closed, the refresh opens one again", async () => {
    const harness = await start();
    const first = await startTask(harness, "Paginate widget lists", "src/widgets/**", "low");
    await flushed(harness);
    const dashboard = await dashboardOf(harness);
    // a person with write access closes the app's dashboard
    await harness.user.rest.issues.update({ ...repo, issue_number: dashboard.number, state: "closed" });
    const since = harness.sandbox.requests().length;
    await pushCommit(harness.user, first.branch, `Page\n\nTask: T-${first.issue}\nRefs: NT-0012\n`, {
      "src/widgets/list.ts": "export const pageSize = 50;\n",
    });
    await markReady(harness, first.pull.node_id);
    // the review was published all the same
    const comments = (await harness.user.rest.issues.listComments({ ...repo, issue_number: first.pull.number })).data;
    expect(comments.some((comment) => (comment.body ?? "").includes("autopilot:review"))).toBe(true);
    // the closed issue is not taken for the dashboard: the debounced refresh finds none open and opens
    // one, without editing the closed one again (the edit in the review's request was answered closed)
    await flushed(harness);
    expect(editsOf(harness, dashboard.number, since)).toEqual([]);
    const reopened = await dashboardOf(harness);
    expect(reopened.number).not.toBe(dashboard.number);
    expect(reopened.body).toMatch(rowOf(first.issue, "review"));
  });

  it("a dashboard deleted meanwhile: GitHub refuses the edit alone, the review stands, the refresh opens one again", async () => {
    const harness = await start();
    const first = await startTask(harness, "Paginate widget lists", "src/widgets/**", "low");
    await flushed(harness);
    const dashboard = await dashboardOf(harness);
    // an admin deletes the issue (GitHub's UI): its node id no longer resolves
    const state = [...harness.sandbox.state.repos()].find((item) => item.fullName === "acme/widgets")!;
    state.issues.delete(dashboard.number);
    const since = harness.sandbox.requests().length;
    await pushCommit(harness.user, first.branch, `Page\n\nTask: T-${first.issue}\nRefs: NT-0012\n`, {
      "src/widgets/list.ts": "export const pageSize = 50;\n",
    });
    await markReady(harness, first.pull.node_id);
    const head = (await harness.user.rest.pulls.get({ ...repo, pull_number: first.pull.number })).data.head.sha;
    const review = (await harness.user.rest.checks.listForRef({ ...repo, ref: head })).data.check_runs.find(
      (run) => run.name === "autopilot/review",
    );
    expect(review?.conclusion).toBe("success");
    // the refresh looks for the dashboard: the issue refused in the review's request is not edited again
    await flushed(harness);
    expect(editsOf(harness, dashboard.number, since)).toEqual([]);
    const reopened = await dashboardOf(harness);
    expect(reopened.body).toMatch(rowOf(first.issue, "review"));
  });
});
