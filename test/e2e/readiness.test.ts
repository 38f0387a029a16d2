import { afterEach, describe, expect, it } from "vitest";
import { isDashboardBody } from "../../src/core/progress/index.js";
import { setRepoConfig, startAppHarness, stateFile, taskSpec, type AppHarness } from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const login = "autopilot[bot]";

/**
 * The readiness gate end to end: a required check that is not green on the default branch holds
 * a newly labelled task (the issue says why, the dashboard shows the matrix), and the check
 * turning green dispatches it, on the status event alone (no sweep, no change to the issue).
 */
describe("the readiness gate", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const label = async (h: AppHarness, title: string, scope: string): Promise<number> => {
    const issue = (await h.user.rest.issues.create({ ...repo, title, body: taskSpec(scope) })).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
    return issue;
  };
  const pullFor = async (h: AppHarness, issue: number) =>
    (await h.user.rest.pulls.list({ ...repo, state: "open" })).data.find((pull) =>
      pull.title.startsWith(`[T-${issue}]`),
    );
  const holdComments = async (h: AppHarness, issue: number) =>
    (await h.user.rest.issues.listComments({ ...repo, issue_number: issue })).data
      .map((comment) => comment.body ?? "")
      .filter((body) => body.includes("has not dispatched"));
  const dashboard = async (h: AppHarness) => {
    const issues = await h.user.paginate(h.user.rest.issues.listForRepo, { ...repo, state: "open", per_page: 100 });
    return issues.find((issue) => issue.user?.login === login && isDashboardBody(issue.body))?.body ?? "";
  };
  const mainHead = async (h: AppHarness) =>
    (await h.user.rest.repos.getBranch({ ...repo, branch: "main" })).data.commit.sha;

  it("holds a new task while a required check is red, says why once, and dispatches it when the check turns green", async () => {
    h = await startAppHarness();
    await setRepoConfig(
      h,
      ["dispatch:", "  target: none", "readiness:", "  required_checks: [ci/test]", ""].join("\n"),
    );
    const head = await mainHead(h);
    await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head, state: "failure", context: "ci/test" });

    const issue = await label(h, "Paginate widget lists", "src/widgets/**");
    expect(await pullFor(h, issue)).toBeUndefined();
    const said = await holdComments(h, issue);
    expect(said).toEqual([expect.stringContaining("required check ci/test: failure on")]);
    // an edit of the issue while held does not say it again
    await h.user.rest.issues.update({ ...repo, issue_number: issue, title: "Paginate widget lists (v2)" });
    await h.settle();
    expect(await holdComments(h, issue)).toHaveLength(1);

    const held = await dashboard(h);
    expect(held).toContain("## Readiness");
    expect(held).toContain("Autopilot is off for new tasks");
    expect(held).toMatch(/\| required check ci\/test \| repository \| green on main's head \| ❌ fail: failure on/);
    expect(held).toMatch(/\| configuration \| repository \|[^\n]*✅ ok/);
    expect(held).toMatch(/\| app permissions \| app \|[^\n]*✅ ok/);
    const record = JSON.parse(await stateFile(h, "ops/readiness.json")) as {
      rows: Record<string, { result: string; since: string }>;
    };
    expect(record.rows["check:ci/test"]?.result).toBe("fail");

    // the team's CI turns green: the status event alone releases the task
    await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head, state: "success", context: "ci/test" });
    await h.settle();
    expect(await pullFor(h, issue)).toBeDefined();
    expect(await holdComments(h, issue)).toEqual([
      expect.stringContaining("Autopilot is ready again: this task has been dispatched."),
    ]);
    const released = await dashboard(h);
    expect(released).toContain("Autopilot is on");
    expect(released).toMatch(/\| required check ci\/test \|[^\n]*✅ ok: green on/);
    const after = JSON.parse(await stateFile(h, "ops/readiness.json")) as typeof record;
    expect(after.rows["check:ci/test"]?.result).toBe("ok");
    expect(Date.parse(after.rows["check:ci/test"]!.since)).toBeGreaterThanOrEqual(
      Date.parse(record.rows["check:ci/test"]!.since),
    );
  });

  it("holds a new task while the agent's workflow cannot be dispatched, and dispatches it once the workflow is fixed", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, ["dispatch:", "  target: workflow_dispatch", "  workflow: coder.yml", ""].join("\n"));
    const issue = await label(h, "Sort widget lists", "src/sorting/**");
    expect(await pullFor(h, issue)).toBeUndefined();
    expect(await holdComments(h, issue)).toEqual([
      expect.stringContaining(
        "workflow .github/workflows/coder.yml: .github/workflows/coder.yml does not exist on main",
      ),
    ]);
    expect(await dashboard(h)).toMatch(/\| workflow \.github\/workflows\/coder\.yml \| agent \|[^\n]*❌ fail/);

    // the owner adds the workflow: the push to main (the app's check suite for it) releases the task
    await h.user.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: ".github/workflows/coder.yml",
      message: "Add the agent's workflow",
      content: Buffer.from(
        [
          "on:",
          "  workflow_dispatch:",
          "    inputs:",
          "      task: { required: false }",
          "jobs:",
          "  agent:",
          "    runs-on: ubuntu-latest",
          "    steps: [{ run: echo }]",
          "",
        ].join("\n"),
      ).toString("base64"),
    });
    await h.settle();
    expect(await pullFor(h, issue)).toBeDefined();
    expect(h.sandbox.repo.workflowDispatches).toHaveLength(1);
  });
});
