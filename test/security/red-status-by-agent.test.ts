import { afterEach, describe, expect, it } from "vitest";
import { isDashboardBody } from "../../src/core/progress/index.js";
import { setRepoConfig, startAppHarness, startTask, type AppHarness } from "../e2e/app-harness.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * CI failing on the default branch's head holds every new task (the readiness row and the red
 * health): new work would only start on a broken base. The coding agent's account may post
 * commit statuses (it has write access), so it could post a failing status on the default
 * branch's head and stop every task of the repository, its own rivals' included, for as long as
 * the head stands. A status from one of `agent_accounts` does not count there, as it does not
 * count for `readiness.required_checks`; the team's CI account's failure still holds.
 */
describe("a failing status the agent posts on the default branch", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const dashboard = async (h: AppHarness) => {
    const issues = await h.user.paginate(h.user.rest.issues.listForRepo, { ...repo, state: "open", per_page: 100 });
    return issues.find((item) => item.user?.login === "autopilot[bot]" && isDashboardBody(item.body))?.body ?? "";
  };

  it("holds no task; the team CI's failure does", async () => {
    h = await startAppHarness();
    const agent = await personWith(h, "widget-agent", "write");
    await setRepoConfig(h, ["agent_accounts: [widget-agent]", "dispatch:", "  target: none", ""].join("\n"));
    const head = (await h.user.rest.repos.getBranch({ ...repo, branch: "main" })).data.commit.sha;
    await agent.rest.repos.createCommitStatus({ ...repo, sha: head, state: "failure", context: "ci/lint" });
    await h.settle();

    const first = await startTask(h, "Sort widgets", "src/sort/**");
    expect(first.pull.draft).toBe(true);
    expect(await dashboard(h)).not.toContain("CI is failing on the default branch");

    // the team's CI account reports a real failure: the next task is held
    await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head, state: "failure", context: "ci/test" });
    await h.settle();
    await expect(startTask(h, "Filter widgets", "src/filter/**")).rejects.toThrow(/no draft PR/);
    expect(await dashboard(h)).toContain("CI is failing on the default branch (ci/test)");
  });
});
