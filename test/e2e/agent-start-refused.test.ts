import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isDashboardBody } from "../../src/core/progress/index.js";
import {
  agentWorkflowConfig,
  commentBodies,
  dispatchesOf,
  markReady,
  queueEntryOf,
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

const repo = { owner: "acme", repo: "widgets" };
const configFor = (workflow: string) =>
  [
    "dispatch:",
    "  target: workflow_dispatch",
    `  workflow: ${workflow}`,
    "  inputs:",
    '    task: "{{task_id}}"',
    '    branch: "{{branch}}"',
    "",
  ].join("\n");
const workflowText = (trigger: string) =>
  [
    "name: Coding agent",
    "on:",
    trigger,
    "jobs:",
    "  agent:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - run: echo working",
    "",
  ].join("\n");
const dispatchTrigger = [
  "  workflow_dispatch:",
  "    inputs:",
  "      task: { required: true }",
  "      branch: { required: true }",
].join("\n");

const reject = {
  decision: "reject",
  recommended_status: "in_progress",
  next_actions: ["Add a test."],
  summary: "Not yet.",
  reasons: ["No test."],
};

/**
 * A start GitHub refuses for good (the workflow is missing, has no `workflow_dispatch` trigger, or
 * does not take the inputs) is said once, on the PR and on the issue, with what to fix; no
 * reconcile retries it; once the owner has fixed it, their `/retry` starts the agent once.
 */
describe("an agent start GitHub refuses", () => {
  let h: AppHarness;
  beforeEach(async () => {
    // the review rejects, so a task goes back to its agent (a second start) in the last test
    h = await startAppHarness({
      retry: false,
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: reject }),
      ),
    });
  });
  afterEach(() => h?.close());

  const entryOf = (issue: number) => queueEntryOf(h, `T-${issue}`);
  const dispatches = (issue: number) => dispatchesOf(h, `T-${issue}`);
  const sweep = () => sweepAfterRestart(h, { retry: false });
  const refusals = async (number: number) =>
    (await commentBodies(h, number)).filter((body) => body.includes("could not start the coding agent"));
  /** the dashboard issue's section of refused starts ("" when it shows none) */
  const refusedOnDashboard = async () => {
    const issues = await h.user.paginate(h.user.rest.issues.listForRepo, { ...repo, state: "open", per_page: 100 });
    const dashboard = issues.find((issue) => issue.user?.login === "autopilot[bot]" && isDashboardBody(issue.body));
    expect(dashboard).toBeDefined();
    const body = dashboard!.body ?? "";
    const start = body.indexOf("## Agent start refused");
    return start === -1 ? "" : body.slice(start, body.indexOf("\n## ", start + 1));
  };
  const commitWorkflow = async (path: string, text: string) => {
    const existing = await h.sandbox.repo.git.readFile("main", path);
    const sha = existing ? (await h.user.rest.repos.getContent({ ...repo, path })).data : undefined;
    await h.user.rest.repos.createOrUpdateFileContents({
      ...repo,
      path,
      message: "Add the coding agent's workflow",
      content: Buffer.from(text).toString("base64"),
      ...(sha && "sha" in sha ? { sha: sha.sha } : {}),
    });
    await h.settle();
  };
  /**
   * A task started before `dispatch:` named a workflow GitHub refuses (a new task waits for
   * readiness instead: test/e2e/readiness.test.ts), whose agent the owner's `/retry` starts under
   * the configuration given.
   */
  const openTask = async (title: string, scope: string, config: string) => {
    await setRepoConfig(h, "dispatch:\n  target: none\n");
    const issue = (await h.user.rest.issues.create({ ...repo, title, body: taskSpec(scope) })).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
    await setRepoConfig(h, config);
    await h.user.rest.issues.createComment({ ...repo, issue_number: issue, body: "/retry" });
    await h.settle();
    return issue;
  };

  it("a missing workflow is reported once on the PR and the issue, never retried, and started once after the fix and /retry", async () => {
    const issue = await openTask("Agent workflow missing", "src/widgets/missing/**", configFor("coder.yml"));
    const pr = (await entryOf(issue))!.pr!;
    expect(dispatches(issue)).toHaveLength(0);
    for (const number of [pr, issue]) {
      const said = await refusals(number);
      expect(said).toHaveLength(1);
      expect(said[0]).toContain("GitHub refused it (404)");
      expect(said[0]).toContain("the workflow `.github/workflows/coder.yml` does not exist on `main`");
      expect(said[0]).toContain("`/retry`");
    }
    const entry = await entryOf(issue);
    expect(entry?.dispatched_at).toEqual(expect.any(String));
    expect(entry?.start_refused).toMatchObject({ status: 404 });
    expect(entry?.history.at(-1)?.reason).toContain("GitHub refused the agent's start (404)");
    // the dashboard lists it with GitHub's answer and the fix, until a start goes through
    const listed = await refusedOnDashboard();
    expect(listed).toContain(`[T-${issue}]`);
    expect(listed).toMatch(/\| 404 \| the workflow \\`\.github\/workflows\/coder\.yml\\` does not exist on/);
    expect(listed).toContain("`/retry`");

    // reconciles and further deliveries neither retry nor repeat the comment
    await sweep();
    await h.user.rest.issues.update({
      ...repo,
      issue_number: issue,
      body: `${taskSpec("src/widgets/missing/**")}\n\nEdited.`,
    });
    await h.settle();
    // the owner fixes it: still nothing starts until they say so
    await commitWorkflow(".github/workflows/coder.yml", workflowText(dispatchTrigger));
    await sweep();
    expect(dispatches(issue)).toHaveLength(0);
    expect(await refusals(pr)).toHaveLength(1);
    expect(await refusals(issue)).toHaveLength(1);

    await h.user.rest.issues.createComment({ ...repo, issue_number: issue, body: "/retry" });
    await h.settle();
    expect(dispatches(issue)).toHaveLength(1);
    expect(dispatches(issue)[0]?.inputs).toEqual({ task: `T-${issue}`, branch: entry!.branch });
    expect((await entryOf(issue))?.start_refused).toBeNull();
    expect(await refusedOnDashboard()).toBe("");
    await sweep();
    expect(dispatches(issue)).toHaveLength(1);
  });

  it("a workflow without the trigger, or without the inputs, is told what to add; a fixed dispatch: starts it", async () => {
    await commitWorkflow(".github/workflows/push-only.yml", workflowText("  push:"));
    const noTrigger = await openTask(
      "Agent workflow not dispatchable",
      "src/widgets/no-trigger/**",
      configFor("push-only.yml"),
    );
    const [said] = await refusals(noTrigger);
    expect(said).toContain("GitHub refused it (422)");
    expect(said).toContain("`.github/workflows/push-only.yml` on `main` has no `workflow_dispatch` trigger");

    await commitWorkflow(
      ".github/workflows/narrow.yml",
      workflowText(["  workflow_dispatch:", "    inputs:", "      task: { required: true }"].join("\n")),
    );
    const narrow = await openTask("Agent workflow too narrow", "src/widgets/narrow/**", configFor("narrow.yml"));
    const [told] = await refusals(narrow);
    expect(told).toContain("does not declare the input `branch` that `dispatch.inputs` sends");
    expect(h.sandbox.repo.workflowDispatches).toHaveLength(0);

    // the owner fixes `dispatch:` instead: the next reconcile starts each refused task, once
    await setRepoConfig(h, configFor("agent.yml").replace("  inputs:\n", '  inputs:\n    brief: "{{task_file}}"\n'));
    await sweep();
    expect(dispatches(noTrigger)).toHaveLength(1);
    expect(dispatches(narrow)).toHaveLength(1);
    await sweep();
    expect(h.sandbox.repo.workflowDispatches).toHaveLength(2);
    expect((await entryOf(narrow))?.start_refused).toBeNull();
  });

  it("a task sent back to an agent whose workflow is gone says so once on the PR and the issue", async () => {
    await setRepoConfig(h, agentWorkflowConfig);
    const { issue, pull, branch } = await startTask(h, "Agent workflow removed", "src/widgets/removed/**");
    expect(dispatches(issue)).toHaveLength(1);
    const path = ".github/workflows/agent.yml";
    const current = (await h.user.rest.repos.getContent({ ...repo, path })).data as { sha: string };
    await h.user.rest.repos.deleteFile({ ...repo, path, sha: current.sha, message: "Remove the agent workflow" });
    await h.settle();

    await pushCommit(h.user, branch, `Work\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/removed/a.ts": "export const a = 1;\n",
    });
    await markReady(h, pull.node_id);
    expect(dispatches(issue)).toHaveLength(1);
    for (const number of [pull.number, issue]) {
      const said = await refusals(number);
      expect(said).toHaveLength(1);
      expect(said[0]).toContain("the workflow `.github/workflows/agent.yml` does not exist on `main`");
    }
  });
});
