import { describe, expect, it } from "vitest";
import type { DispatchPlan } from "../../../src/core/dispatch/index.js";
import { GraphqlRefusal, type ListedPull, type TaskBranchStarted } from "../../../src/github/index.js";
import { ensureTaskArtifacts } from "../../../src/handlers/dispatch/ensure-task-artifacts.js";
import { contextOn, fakeGitHubPort } from "../../helpers/fake-github-port.js";

type StartPlan = Extract<DispatchPlan, { kind: "start" }>;

const plan = {
  kind: "start",
  taskId: "T-6",
  branch: "autopilot/T-6-sort",
  taskFilePath: "ops/tasks/T-6.md",
  taskFile: "# T-6\n",
  pullRequest: { title: "[T-6] Sort", body: "Closes #6" },
} as unknown as StartPlan;

const ok = <T>(value: T) => ({ ok: true as const, value });
const refused = (type: string, message: string) => ({ ok: false as const, type, message });
const branchExists = refused(
  "UNPROCESSABLE",
  'A ref named "refs/heads/autopilot/T-6-sort" already exists in the repository.',
);
const stale = refused("STALE_DATA", 'Expected branch to point to "head-of:main" but it did not.  Pull and try again.');
const pullExists = refused("UNPROCESSABLE", "A pull request already exists for acme:autopilot/T-6-sort.");

const openPull = { number: 7, node_id: "PR_7", state: "open", merged_at: null, labels: [] } as unknown as ListedPull;

/** The fake GitHub with the task branch as an earlier start left it, and `started` as GitHub's answer. */
function github(started: TaskBranchStarted | undefined, taskFile?: string) {
  return fakeGitHubPort(
    { branches: { main: {}, ...(taskFile === undefined ? {} : { [plan.branch]: { [plan.taskFilePath]: taskFile } }) } },
    {
      startTaskBranch: async () => started,
      listPullsFrom: async () => [openPull],
      createPull: async () => ({ number: 8, node_id: "PR_8" }),
    },
  );
}

const ops = (fake: ReturnType<typeof github>) => fake.calls.map((call) => call.op);

describe("ensureTaskArtifacts: a fresh task's start in one request", () => {
  it("creates the branch, the task file and the draft in one request, and marks the task-file commit", async () => {
    const fake = github({ branch: ok(true), commit: ok({ sha: "c1" }), pull: ok({ number: 8, node_id: "PR_8" }) });
    const ctx = contextOn(fake);
    const pull = await ensureTaskArtifacts(ctx, plan, { rewrite: false, fresh: true });
    expect(pull).toEqual({ number: 8, nodeId: "PR_8", labels: [], created: true });
    expect(ops(fake)).toEqual(["branchSha", "startTaskBranch"]);
    expect(fake.callsTo("startTaskBranch")[0]![0]).toMatchObject({
      branch: plan.branch,
      base: "head-of:main",
      baseBranch: "main",
      files: { [plan.taskFilePath]: plan.taskFile },
      pull: { title: "[T-6] Sort", body: "Closes #6" },
    });
    expect(ctx.services.knownCommits.isTaskFileCommit("acme/widgets", "c1")).toBe(true);
  });

  it("keeps what an earlier start made: the task file is read (nothing written), the open PR looked up", async () => {
    const fake = github({ branch: branchExists, commit: stale, pull: pullExists }, plan.taskFile);
    const pull = await ensureTaskArtifacts(contextOn(fake), plan, { rewrite: false, fresh: true });
    expect(pull).toEqual({ number: 7, nodeId: "PR_7", labels: [] });
    expect(ops(fake)).toEqual(["branchSha", "startTaskBranch", "commitFiles", "listPullsFrom"]);
    expect(fake.state.commits).toEqual([]);
  });

  it("writes the plan's task file where another writer's commit lacks it, then opens the PR GitHub refused for lack of commits", async () => {
    const fake = github(
      {
        branch: branchExists,
        commit: stale,
        pull: refused("UNPROCESSABLE", "No commits between main and autopilot/T-6-sort"),
      },
      undefined,
    );
    fake.state.branches.set(plan.branch, new Map());
    const ctx = contextOn(fake);
    const pull = await ensureTaskArtifacts(ctx, plan, { rewrite: false, fresh: true });
    expect(fake.state.commits.map((commit) => commit.files)).toEqual([{ [plan.taskFilePath]: plan.taskFile }]);
    // on top of someone else's commits: not taken for the app's own task-file commit (judged whole)
    expect(ctx.services.knownCommits.isTaskFileCommit("acme/widgets", "commit-1")).toBe(false);
    expect(pull).toEqual({ number: 8, nodeId: "PR_8", labels: [], created: true });
    expect(ops(fake)).toEqual(["branchSha", "startTaskBranch", "commitFiles", "createPull"]);
  });

  it("throws GitHub's refusal of the branch for any other reason, and writes nothing more", async () => {
    const fake = github({
      branch: refused("FORBIDDEN", "Resource not accessible by integration"),
      commit: refused("NOT_FOUND", "Could not resolve to a Ref"),
      pull: refused("UNPROCESSABLE", "Head sha can't be blank"),
    });
    const start = ensureTaskArtifacts(contextOn(fake), plan, { rewrite: false, fresh: true });
    await expect(start).rejects.toBeInstanceOf(GraphqlRefusal);
    await expect(start).rejects.toMatchObject({ type: "FORBIDDEN" });
    expect(ops(fake)).toEqual(["branchSha", "startTaskBranch"]);
  });

  it("starts through REST, as before, when the instance cannot send the one request", async () => {
    const fake = github(undefined);
    const pull = await ensureTaskArtifacts(contextOn(fake), plan, { rewrite: false, fresh: true });
    expect(pull).toEqual({ number: 8, nodeId: "PR_8", labels: [], created: true });
    expect(ops(fake)).toEqual([
      "branchSha",
      "startTaskBranch",
      "branchSha",
      "createBranch",
      "commitFiles",
      "createPull",
    ]);
  });
});
