import { afterEach, describe, expect, it } from "vitest";
import { isDashboardBody } from "../../src/core/progress/index.js";
import { setRepoConfig, startAppHarness, taskSpec, type AppHarness } from "../e2e/app-harness.js";
import { asActions, asOtherApp, personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * Readiness made to pass falsely: while the team's required checks on the default branch are not
 * green, new tasks are held. The agent (a writer, with a workflow whose GITHUB_TOKEN may write
 * checks and statuses) posts green results of the same names on the default branch's head. They
 * must not release the held task; the team's CI, from the source the configuration names, must.
 */
describe("readiness forged on the default branch", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("ignores the agent's green statuses and another app's run of a pinned check; the real sources release the task", async () => {
    h = await startAppHarness();
    const agent = await personWith(h, "widget-agent", "write");
    await setRepoConfig(
      h,
      [
        "agent_accounts: [widget-agent]",
        "dispatch:",
        "  target: none",
        "readiness:",
        "  required_checks: [ci/test, { name: ci/build, app: acme-ci-app }]",
        "",
      ].join("\n"),
    );
    const head = (await h.user.rest.repos.getBranch({ ...repo, branch: "main" })).data.commit.sha;
    const issue = (await h.user.rest.issues.create({ ...repo, title: "Sort widgets", body: taskSpec("src/sort/**") }))
      .data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
    const pullFor = async () =>
      (await h!.user.rest.pulls.list({ ...repo, state: "open" })).data.find((pull) =>
        pull.title.startsWith(`[T-${issue}]`),
      );
    const holdComment = async () =>
      (await h!.user.rest.issues.listComments({ ...repo, issue_number: issue })).data
        .map((comment) => comment.body ?? "")
        .filter((body) => body.includes("has not dispatched"));
    const dashboard = async () => {
      const issues = await h!.user.paginate(h!.user.rest.issues.listForRepo, { ...repo, state: "open", per_page: 100 });
      return issues.find((item) => item.user?.login === "autopilot[bot]" && isDashboardBody(item.body))?.body ?? "";
    };
    expect(await pullFor()).toBeUndefined();

    // the agent's account says both are green; its Actions workflow adds a green run of the pinned name
    for (const context of ["ci/test", "ci/build"])
      await agent.rest.repos.createCommitStatus({ ...repo, sha: head, state: "success", context });
    await asActions(h).rest.checks.create({
      ...repo,
      name: "ci/build",
      head_sha: head,
      status: "completed",
      conclusion: "success",
    });
    await h.settle();
    expect(await pullFor()).toBeUndefined();
    const forged = await dashboard();
    expect(forged).toMatch(/\| required check ci\/test \|[^\n]*❌ fail: has not reported[^\n]*by widget-agent/);
    expect(forged).toMatch(/\| required check ci\/build \|[^\n]*❌ fail: has not reported[^\n]*by github-actions/);

    // the team's CI account reports ci/test: ci/build still waits for its app
    await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head, state: "success", context: "ci/test" });
    await h.settle();
    expect(await pullFor()).toBeUndefined();
    expect(await holdComment()).toHaveLength(1);
    const matrix = await dashboard();
    expect(matrix).toMatch(/\| required check ci\/test \|[^\n]*✅ ok/);
    expect(matrix).toMatch(/\| required check ci\/build \|[^\n]*❌ fail: has not reported[^\n]*not counted/);

    await asOtherApp(h, "acme-ci-app", 9_001).rest.checks.create({
      ...repo,
      name: "ci/build",
      head_sha: head,
      status: "completed",
      conclusion: "success",
    });
    await h.settle();
    expect(await pullFor()).toBeDefined();
  });
});
