import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testServices } from "../helpers/test-services.js";
import { defaultConfig } from "../../src/config/index.js";
import { octokitPort, type GithubClient } from "../../src/github/index.js";
import { isDashboardBody } from "../../src/core/progress/index.js";
import { refreshDashboard } from "../../src/handlers/dashboard/index.js";
import { DashboardRefresher } from "../../src/handlers/scheduling/dashboard-refresher.js";
import type { ConfiguredContext, RepoContext } from "../../src/handlers/repo-context.js";
import { WorkQueue } from "../../src/work/index.js";
import {
  markReady,
  noMergeConfig,
  pushCommit,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  sweepAfterRestart,
  taskSpec,
  type AppHarness,
} from "./app-harness.js";
import { findings } from "./task-lifecycle.js";
import { silentLog as silent } from "../helpers/silent-log.js";

const repo = { owner: "acme", repo: "widgets" };
const login = "autopilot[bot]";

describe("the dashboard issue", () => {
  let h: AppHarness;
  let task: Awaited<ReturnType<typeof startTask>>;
  beforeAll(async () => {
    // settle() leaves the debounce alone here: these tests watch it
    h = await startAppHarness({ flushDashboards: false });
    await setRepoConfig(h, noMergeConfig);
    task = await startTask(h, "Paginate widget lists", "src/widgets/**");
  });
  afterAll(() => h.close());

  /** the debounced refreshes, run now instead of at the end of their window */
  const refreshNow = async () => {
    await h.autopilot.autopilot.flushDashboards();
    await h.settle();
  };
  const dashboards = async () =>
    (await h.user.paginate(h.user.rest.issues.listForRepo, { ...repo, state: "open", per_page: 100 })).filter(
      (issue) => issue.user?.login === login && isDashboardBody(issue.body),
    );
  const theDashboard = async () => {
    const open = await dashboards();
    expect(open).toHaveLength(1);
    return open[0]!;
  };
  const editsOf = (number: number) =>
    h.sandbox
      .requests()
      .filter((request) => request.method === "PATCH" && request.path.endsWith(`/repos/acme/widgets/issues/${number}`))
      .length;
  const appContext = (): ConfiguredContext => ({
    github: octokitPort(h.asApp() as unknown as GithubClient, repo),
    ...repo,
    defaultBranch: "main",
    delivery: null,
    log: silent,
    config: defaultConfig(),
    services: testServices(),
  });

  it("exists once after a dispatch and shows the task and the health, also after the labeled webhook is redelivered", async () => {
    await refreshNow();
    const dashboard = await theDashboard();
    expect(dashboard.title).toBe("Autopilot dashboard");
    expect(dashboard.body).toContain("🟢 **Health: green**");
    expect(dashboard.body).toMatch(
      new RegExp(`\\[T-${task.issue}\\]\\([^)]*/issues/${task.issue}\\) \\| Paginate widget lists \\| in_progress`),
    );
    const labeled = h.sandbox.deliveries
      .list({ per_page: 100 })
      .deliveries.find((delivery) => delivery.event === "issues" && delivery.action === "labeled")!;
    h.sandbox.deliveries.redeliver(labeled.id);
    await h.settle();
    await refreshNow();
    expect((await theDashboard()).number).toBe(dashboard.number);
  });

  it("stays one issue when two refreshes race to open it, and when a sweep refreshes it", async () => {
    await refreshNow();
    const old = await theDashboard();
    await h.user.rest.issues.update({ ...repo, issue_number: old.number, state: "closed" });
    const results = await Promise.all([
      refreshDashboard(appContext(), { login }),
      refreshDashboard(appContext(), { login }),
    ]);
    const kept = await theDashboard();
    expect(results.map((result) => result.issue)).toEqual([kept.number, kept.number]);
    const sweeps: Promise<void>[] = [];
    await h.restartApp({
      sweepIntervalMs: 60 * 60_000,
      onSweep: (sweep) => sweeps.push(sweep),
      flushDashboards: false,
    });
    await vi.waitFor(() => expect(sweeps).toHaveLength(1));
    await sweeps[0];
    await h.settle();
    expect((await theDashboard()).number).toBe(kept.number);
  });

  it("shows the latest state after a burst of transitions, with fewer edits than transitions", async () => {
    // a task of its own: the others expect theirs in progress
    const task = await startTask(h, "Rank widget lists", "src/ranking/**");
    await refreshNow();
    const { number } = await theDashboard();
    const before = editsOf(number);
    for (const label of ["autopilot:blocked", "autopilot:in-progress", "autopilot:needs-owner"]) {
      await h.user.rest.issues.addLabels({ ...repo, issue_number: task.issue, labels: [label] });
      await h.settle();
    }
    await refreshNow();
    const edits = editsOf(number) - before;
    expect(edits).toBeGreaterThanOrEqual(1);
    expect(edits).toBeLessThan(3);
    const { body } = await theDashboard();
    const waiting = body!.slice(body!.indexOf("## Waiting for the owner"), body!.indexOf("## Running now"));
    expect(waiting).toContain(`[T-${task.issue}]`);
    expect(waiting).toContain("needs_owner");
    expect(body!.slice(body!.indexOf("## Running now"))).not.toContain(`[T-${task.issue}]`);
  });

  it("holds new tasks back while CI fails on the default branch, says why, and dispatches them once it is green", async () => {
    const head = (await h.user.rest.repos.getBranch({ ...repo, branch: "main" })).data.commit.sha;
    await h.user.rest.repos.createCommitStatus({ ...repo, sha: head, state: "failure", context: "ci/build" });
    const issue = (
      await h.user.rest.issues.create({ ...repo, title: "Sort widget lists", body: taskSpec("src/sorting/**") })
    ).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
    const pullFor = async () =>
      (await h.user.rest.pulls.list({ ...repo, state: "open" })).data.find((pull) =>
        pull.title.startsWith(`[T-${issue}]`),
      );
    expect(await pullFor()).toBeUndefined();
    const comments = (await h.user.rest.issues.listComments({ ...repo, issue_number: issue })).data.map(
      (comment) => comment.body ?? "",
    );
    expect(comments.filter((body) => body.includes("has not dispatched"))).toEqual([
      expect.stringContaining("CI is failing on the default branch (ci/build)"),
    ]);
    await refreshNow();
    const red = (await theDashboard()).body!;
    expect(red).toContain("🔴 **Health: red**: CI is failing on the default branch (ci/build)");
    expect(red).toContain("New tasks are not dispatched until this clears.");

    await h.user.rest.repos.createCommitStatus({ ...repo, sha: head, state: "success", context: "ci/build" });
    const sweeps: Promise<void>[] = [];
    await h.restartApp({
      sweepIntervalMs: 60 * 60_000,
      onSweep: (sweep) => sweeps.push(sweep),
      flushDashboards: false,
    });
    await vi.waitFor(() => expect(sweeps).toHaveLength(1));
    await sweeps[0];
    await h.settle();
    expect(await pullFor()).toBeDefined();
    await refreshNow();
    expect((await theDashboard()).body).toContain("Health: green");
  });
});

describe("debounced refreshes", () => {
  const ctx = { owner: "acme", repo: "widgets" } as RepoContext;
  it("turns the transitions within the window into one refresh, and a later one into another", async () => {
    vi.useFakeTimers();
    try {
      const work = new WorkQueue();
      const enqueue = vi.spyOn(work, "enqueue").mockImplementation(async () => undefined);
      const refresher = new DashboardRefresher({ work, login: async () => login, windowMs: 10_000, log: silent });
      for (let step = 0; step < 4; step += 1) {
        refresher.schedule(ctx);
        await vi.advanceTimersByTimeAsync(1_000);
      }
      expect(enqueue).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(6_000);
      expect(enqueue).toHaveBeenCalledTimes(1);
      refresher.schedule(ctx);
      await refresher.flush();
      expect(enqueue).toHaveBeenCalledTimes(2);
      expect(enqueue.mock.calls.map((call) => [call[0], call[2]])).toEqual([
        ["acme/widgets", { dedupeKey: "dashboard" }],
        ["acme/widgets", { dedupeKey: "dashboard" }],
      ]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the dashboard this instance opened", () => {
  it("is edited without being read again, and found again when a person closed it meanwhile", async () => {
    const h = await startAppHarness({ flushDashboards: false });
    try {
      await setRepoConfig(h, noMergeConfig);
      const task = await startTask(h, "Paginate widget lists", "src/widgets/**");
      const refreshNow = async () => {
        await h.autopilot.autopilot.flushDashboards();
        await h.settle();
      };
      const before = h.sandbox.requests().length;
      await refreshNow();
      const opened = (await h.user.rest.issues.listForRepo({ ...repo, creator: login, state: "open" })).data.find(
        (issue) => isDashboardBody(issue.body),
      )!;
      // opened with links to the repository the webhook named: its address is not asked of GitHub
      const asked = h.sandbox
        .requests()
        .slice(before)
        .filter((request) => request.method === "GET" && request.path === "/repos/acme/widgets");
      expect(asked).toHaveLength(0);
      expect(opened.body).toContain(`/acme/widgets/issues/${task.issue})`);
      const readsOf = (number: number) =>
        h.sandbox
          .requests()
          .filter((request) => request.method === "GET" && request.path === `/repos/acme/widgets/issues/${number}`)
          .length;
      // a transition: the next refresh edits the body it wrote when it opened the issue, without reading it
      await h.user.rest.issues.addLabels({ ...repo, issue_number: task.issue, labels: ["autopilot:blocked"] });
      await h.settle();
      await refreshNow();
      expect(readsOf(opened.number)).toBe(0);
      const edited = (await h.user.rest.issues.get({ ...repo, issue_number: opened.number })).data;
      expect(edited.state).toBe("open");
      expect(edited.body).toMatch(new RegExp(`\\[T-${task.issue}\\]\\([^)]*\\) \\| Paginate widget lists \\| blocked`));
      // a person closes it: what the instance remembers is stale, and the edit's answer says so
      await h.user.rest.issues.update({ ...repo, issue_number: opened.number, state: "closed" });
      await h.user.rest.issues.addLabels({ ...repo, issue_number: task.issue, labels: ["autopilot:in-progress"] });
      await h.settle();
      await refreshNow();
      const open = (await h.user.rest.issues.listForRepo({ ...repo, creator: login, state: "open" })).data.filter(
        (issue) => isDashboardBody(issue.body),
      );
      expect(open).toHaveLength(1);
      expect(open[0]!.body).toMatch(
        new RegExp(`\\[T-${task.issue}\\]\\([^)]*\\) \\| Paginate widget lists \\| in_progress`),
      );
    } finally {
      await h.close();
    }
  });
});

describe("the dashboard a sweep opens", () => {
  it("links to the repository the installation's list named, without asking GitHub for its address", async () => {
    const h = await startAppHarness({ flushDashboards: false });
    try {
      await setRepoConfig(h, noMergeConfig);
      const before = h.sandbox.requests().length;
      await sweepAfterRestart(h, { flushDashboards: false });
      const [opened] = (await h.user.rest.issues.listForRepo({ ...repo, creator: login, state: "open" })).data.filter(
        (issue) => isDashboardBody(issue.body),
      );
      expect(opened?.title).toBe("Autopilot dashboard");
      const asked = h.sandbox
        .requests()
        .slice(before)
        .filter((request) => request.method === "GET" && request.path === "/repos/acme/widgets");
      expect(asked).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
});

describe("the dashboard right after the app merged a task", () => {
  const accept = { decision: "accept", recommended_status: "done", next_actions: [], summary: "Ok.", reasons: ["ok"] };

  it("shows main's CI as pending without reading it, while a task labelled then still sees CI fail and is held", async () => {
    const h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: accept }),
      ),
    });
    try {
      await setRepoConfig(h, ["merge:", "  required_checks: [ci/test]", "dispatch:", "  target: none", ""].join("\n"));
      const { issue, pull, branch } = await startTask(h, "Paginate", "src/widgets/**", "low");
      await pushCommit(h.user, branch, `Page\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
        "src/widgets/a.ts": "export const a = 1;\n",
      });
      await markReady(h, pull.node_id);
      for (let round = 0; round < 3; round += 1) {
        const { head, merged } = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data;
        if (merged) break;
        await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head.sha, state: "success", context: "ci/test" });
        await h.settle();
      }
      const merged = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data;
      expect(merged.merged).toBe(true);
      const mergeSha = merged.merge_commit_sha!;
      const checkReads = h.sandbox
        .requests()
        .filter(
          (request) =>
            request.method === "GET" &&
            (request.path.endsWith(`/commits/${mergeSha}/statuses`) ||
              request.path.endsWith(`/commits/${mergeSha}/check-runs`)),
        );
      // the refresh after the merge (settle() runs it) did not read the new head's statuses or check runs
      expect(checkReads).toEqual([]);
      const dashboard = (await h.user.rest.issues.listForRepo({ ...repo, creator: login, state: "open" })).data.find(
        (item) => isDashboardBody(item.body),
      )!;
      expect(dashboard.body).toContain(`pending on ${mergeSha.slice(0, 7)}, merged just now`);

      // CI fails on the merge commit within the window: a task labelled now reads main's CI itself
      await h.ci.rest.repos.createCommitStatus({ ...repo, sha: mergeSha, state: "failure", context: "ci/build" });
      const next = (await h.user.rest.issues.create({ ...repo, title: "Sort", body: taskSpec("src/sorting/**") })).data
        .number;
      await h.user.rest.issues.addLabels({ ...repo, issue_number: next, labels: ["autopilot"] });
      await h.settle();
      const pulls = (await h.user.rest.pulls.list({ ...repo, state: "open" })).data;
      expect(pulls.find((item) => item.title.startsWith(`[T-${next}]`))).toBeUndefined();
      const comments = (await h.user.rest.issues.listComments({ ...repo, issue_number: next })).data;
      expect(comments.map((comment) => comment.body ?? "")).toEqual(
        expect.arrayContaining([expect.stringContaining("CI is failing on the default branch (ci/build)")]),
      );
      // and the dashboard the hold refreshed shows what that dispatch read, not "pending"
      const held = (await h.user.rest.issues.get({ ...repo, issue_number: dashboard.number })).data.body!;
      expect(held).toContain("🔴 **Health: red**: CI is failing on the default branch (ci/build)");
    } finally {
      await h.close();
    }
  });
});
