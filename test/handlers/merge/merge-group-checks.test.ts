import { describe, expect, it } from "vitest";
import { gateNames, reviewCheckName, SECRETS_GATE_NAME } from "../../../src/core/check-names.js";
import type { CheckRun, GitHubPort } from "../../../src/github/index.js";
import { parseMergeGroupRef, postMergeGroupChecks } from "../../../src/handlers/merge/merge-group-checks.js";
import { contextOn, fakeGitHubPort } from "../../helpers/fake-github-port.js";
import { head, queueLine } from "./merge-queue-fixture.js";

const groupHead = "9".repeat(40);
const groupRef = `refs/heads/gh-readonly-queue/main/pr-7-${head}`;
const group = parseMergeGroupRef(groupRef)!;

const run = (name: string, id: number, conclusion: CheckRun["conclusion"], appId = 1): CheckRun => ({
  id,
  name,
  status: "completed",
  conclusion,
  head_sha: head,
  check_suite: { id: 1 },
  app: { id: appId, slug: appId === 1 ? "autopilot" : "other" },
  output: { title: null, summary: null },
});
const ownGreen = [...gateNames, reviewCheckName].map((name, index) => run(name, index + 1, "success"));

function setup(options: { line?: string; runs?: CheckRun[]; queued?: boolean; branchAt?: string } = {}) {
  const posted: Array<{ headSha?: string; names: string[]; conclusions: string[] }> = [];
  const stubs: Partial<GitHubPort> = {
    branchSha: async (name) => {
      if (name !== group.branch) throw Object.assign(new Error("Not Found"), { status: 404 });
      return options.branchAt ?? groupHead;
    },
    completeCheckRuns: async ({ headSha, runs }) => {
      posted.push({
        ...(headSha === undefined ? {} : { headSha }),
        names: runs.map((item) => item.result.name),
        conclusions: runs.map((item) => item.result.conclusion),
      });
      return runs.length;
    },
  };
  const github = fakeGitHubPort(
    {
      branches: { main: {}, "autopilot/state": { "ops/queue.jsonl": `${options.line ?? enqueuedLine}\n` } },
      checkRuns: options.runs ?? ownGreen,
      mergeQueues: ["main"],
    },
    stubs,
  );
  if (options.queued !== false) github.state.mergeQueue.set(7, head);
  return { github, posted, ctx: contextOn(github) };
}
const enqueuedLine = queueLine({ merge_queue: { head, base: "main", at: "2026-01-01T00:00:00Z" } });

describe("the app's checks on a merge group", () => {
  it("reads the group GitHub names: base, PR and PR head from the queue branch", () => {
    expect(group).toEqual({ base: "main", pr: 7, prHead: head, branch: `gh-readonly-queue/main/pr-7-${head}` });
    expect(parseMergeGroupRef("refs/heads/autopilot/T-5-x")).toBeUndefined();
    expect(parseMergeGroupRef(`refs/heads/gh-readonly-queue/release/1.x/pr-12-${head}`)?.base).toBe("release/1.x");
  });

  it("carries every gate and the review of the head the app queued onto the group head", async () => {
    const { ctx, posted } = setup();
    await postMergeGroupChecks(ctx, group, groupHead, "R_1");
    expect(posted).toEqual([
      {
        headSha: groupHead,
        names: [...gateNames, reviewCheckName],
        conclusions: [...gateNames, reviewCheckName].map(() => "success"),
      },
    ]);
  });

  it("carries a red gate as red", async () => {
    const runs = ownGreen.map((item) =>
      item.name === gateNames[0] ? { ...item, conclusion: "failure" as const } : item,
    );
    const { ctx, posted } = setup({ runs });
    await postMergeGroupChecks(ctx, group, groupHead, "R_1");
    expect(posted[0]?.conclusions[0]).toBe("failure");
  });

  it("ignores another app's runs of the same names on the PR head (red or green)", async () => {
    const forged = [...gateNames, reviewCheckName].map((name, index) => run(name, 50 + index, "success", 2));
    const { ctx, posted } = setup({ runs: [run(gateNames[0], 1, "failure"), ...forged] });
    await postMergeGroupChecks(ctx, group, groupHead, "R_1");
    expect(posted).toEqual([{ headSha: groupHead, names: [gateNames[0]], conclusions: ["failure"] }]);
  });

  it("posts only what a non-task PR gets when a person queued the task's head (no record of the app's enqueue)", async () => {
    const { ctx, posted } = setup({ line: queueLine(), runs: [...ownGreen] });
    await postMergeGroupChecks(ctx, group, groupHead, "R_1");
    expect(posted).toEqual([{ headSha: groupHead, names: [SECRETS_GATE_NAME], conclusions: ["success"] }]);
  });

  it("posts nothing for a forged group: a commit GitHub's queue branch is not at, or a PR not queued", async () => {
    const forged = setup({ branchAt: "8".repeat(40) });
    expect(await postMergeGroupChecks(forged.ctx, group, groupHead, "R_1")).toEqual([]);
    expect(forged.posted).toEqual([]);
    const notQueued = setup({ queued: false });
    expect(await postMergeGroupChecks(notQueued.ctx, group, groupHead, "R_1")).toEqual([]);
    expect(notQueued.posted).toEqual([]);
  });
});
