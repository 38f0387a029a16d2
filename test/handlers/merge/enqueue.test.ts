import { describe, expect, it } from "vitest";
import { evaluateMerge } from "../../../src/handlers/merge/evaluate-merge.js";
import { githubError } from "../../helpers/fake-github-port.js";
import { testServices } from "../../helpers/test-services.js";
import {
  bot,
  head,
  mergeDecision,
  mergeQueueRepo,
  newHead,
  queueLine,
  taskOf,
  taskPull,
} from "./merge-queue-fixture.js";

describe("a task PR whose base requires a merge queue", () => {
  it("is added to the queue pinned to the judged head once the PUT is refused, and says so on the PR", async () => {
    const { github, ctx } = mergeQueueRepo();
    const outcome = await evaluateMerge(ctx, 7, bot);
    expect(outcome).toMatchObject({ action: "wait", reason: expect.stringContaining("merge queue of main") });
    // the decision is unchanged: the PUT first, GitHub's 405, the base's rules read, then the enqueue
    expect(github.callsTo("mergePull")).toHaveLength(1);
    expect(github.callsTo("branchRules")).toEqual([["main"]]);
    expect(github.callsTo("enqueuePull")).toEqual([["PR_7", head]]);
    expect(github.state.mergeQueue.get(7)).toBe(head);
    expect(taskOf(github).merge_queue).toMatchObject({ head, base: "main" });
    expect(taskOf(github).status).toBe("review");
    expect(mergeDecision(github)).toContain("added T-5 to the merge queue of `main` at head ccccccc");
  });

  it("is queued when GitHub says the base has a merge queue that no ruleset shows (classic protection)", async () => {
    // GitHub's 405, and the PR's isMergeQueueEnabled: classic branch protection's "Require merge queue"
    const { github, ctx } = mergeQueueRepo({
      stubs: {
        mergeQueueEnabled: async () => true,
        branchRules: async () => [],
      },
    });
    const outcome = await evaluateMerge(ctx, 7, bot);
    expect(outcome).toMatchObject({ action: "wait", reason: expect.stringContaining("merge queue of main") });
    expect(github.callsTo("mergeQueueEnabled")).toEqual([[7]]);
    expect(github.callsTo("branchRules")).toHaveLength(0);
    expect(github.callsTo("enqueuePull")).toEqual([["PR_7", head]]);
  });

  it("asks the owner, and enqueues nothing, when GitHub says the base has no merge queue after all", async () => {
    const { github, ctx } = mergeQueueRepo({ stubs: { mergeQueueEnabled: async () => false } });
    const outcome = await evaluateMerge(ctx, 7, bot);
    expect(outcome).toEqual({
      action: "ask_owner",
      reason: "GitHub refused the merge: Changes must be made through the merge queue",
    });
    // the base's rules are read once, for the merge methods they allow: the queue is GitHub's word alone
    expect(github.callsTo("branchRules")).toEqual([["main"]]);
    expect(github.callsTo("enqueuePull")).toHaveLength(0);
  });

  it("is queued behind its base as it is, the base's queue asked of GitHub, with no update-branch", async () => {
    const { github, ctx } = mergeQueueRepo({
      stubs: {
        mergeQueueEnabled: async () => true,
        compareWithBase: async () => ({
          behindBy: 3,
          totalCommits: 1,
          commits: [{ author: { login: bot }, committer: { login: bot } }],
          files: [],
        }),
      },
    });
    const outcome = await evaluateMerge(ctx, 7, bot);
    expect(outcome).toMatchObject({ action: "wait", reason: expect.stringContaining("merge queue of main") });
    expect(github.callsTo("updateBranch")).toHaveLength(0);
    // asked once, then known: the enqueue sends no PUT GitHub would refuse
    expect(github.callsTo("mergeQueueEnabled")).toEqual([[7]]);
    expect(github.callsTo("mergePull")).toHaveLength(0);
    expect(github.callsTo("enqueuePull")).toEqual([["PR_7", head]]);
  });

  it("is still brought up to date when behind a base without a merge queue, for one read more", async () => {
    const { github, ctx } = mergeQueueRepo({
      mergeQueues: [],
      stubs: {
        mergeQueueEnabled: async () => false,
        updateBranch: async () => {},
        compareWithBase: async () => ({
          behindBy: 3,
          totalCommits: 1,
          commits: [{ author: { login: bot }, committer: { login: bot } }],
          files: [],
        }),
      },
    });
    await evaluateMerge(ctx, 7, bot);
    expect(github.callsTo("mergeQueueEnabled")).toEqual([[7]]);
    expect(github.callsTo("updateBranch")).toEqual([[7, head]]);
    expect(github.callsTo("enqueuePull")).toHaveLength(0);
  });

  it("is not enqueued again while that head is queued: one read of its queue entry, no write", async () => {
    const { github, ctx } = mergeQueueRepo();
    await evaluateMerge(ctx, 7, bot);
    const commits = github.state.commits.length;
    const before = github.calls.length;
    const outcome = await evaluateMerge(ctx, 7, bot);
    expect(outcome).toMatchObject({ action: "wait", reason: expect.stringContaining("in the merge queue") });
    const calls = github.calls.slice(before).map((call) => call.op);
    expect(calls).not.toContain("enqueuePull");
    expect(calls).not.toContain("mergePull");
    expect(calls.filter((op) => op === "mergeQueueEntry")).toHaveLength(1);
    expect(github.state.commits.length).toBe(commits);
  });

  it("takes GitHub's 'already in the queue' as queued (read back from the PR's queue entry)", async () => {
    const { github, ctx } = mergeQueueRepo();
    github.state.mergeQueue.set(7, head);
    const outcome = await evaluateMerge(ctx, 7, bot);
    expect(outcome).toMatchObject({ action: "wait" });
    expect(taskOf(github).merge_queue).toMatchObject({ head });
    expect(mergeDecision(github)).toContain("added T-5 to the merge queue");
  });

  it("skips the refused PUT for a later head once the task went through the queue", async () => {
    const recorded = { head, base: "main", at: "2026-01-01T00:00:00Z" };
    const { github, ctx } = mergeQueueRepo({
      queueLine: queueLine({ merge_queue: recorded }),
      pull: taskPull({ head: { sha: newHead, ref: "autopilot/T-5-x", repo: { full_name: "acme/widgets" } } }),
    });
    await evaluateMerge(ctx, 7, bot);
    expect(github.callsTo("mergePull")).toHaveLength(0);
    expect(github.callsTo("enqueuePull")).toEqual([["PR_7", newHead]]);
    expect(taskOf(github).merge_queue).toMatchObject({ head: newHead });
  });

  it("merges directly when the remembered queue is gone (the enqueue refused, the rules say no queue)", async () => {
    const recorded = { head, base: "main", at: "2026-01-01T00:00:00Z" };
    const { github, ctx } = mergeQueueRepo({
      mergeQueues: [],
      queueLine: queueLine({ merge_queue: recorded }),
      pull: taskPull({ head: { sha: newHead, ref: "autopilot/T-5-x", repo: { full_name: "acme/widgets" } } }),
      // the merge itself is another test's: here it only proves the PUT is sent, pinned
      stubs: {
        mergePull: async () => {
          throw new Error("merged");
        },
      },
    });
    await expect(evaluateMerge(ctx, 7, bot)).rejects.toThrow("merged");
    expect(github.callsTo("enqueuePull")).toHaveLength(1);
    expect(github.callsTo("mergePull")).toEqual([[7, "squash", newHead]]);
  });

  it("does not take a 405 for a merge queue by its words alone: without the rule it is branch protection", async () => {
    const { github, ctx } = mergeQueueRepo({
      mergeQueues: [],
      stubs: {
        mergePull: async () => {
          throw githubError(405, "Changes must be made through the merge queue");
        },
      },
    });
    const outcome = await evaluateMerge(ctx, 7, bot);
    expect(github.callsTo("enqueuePull")).toHaveLength(0);
    expect(outcome.action).not.toBe("merged");
    expect(taskOf(github).merge_queue).toBeUndefined();
  });

  it("pins the enqueue to the judged head: a head that moved meanwhile is decided again, never queued unjudged", async () => {
    let reads = 0;
    const { github, ctx } = mergeQueueRepo({
      queueLine: queueLine({ merge_queue: { head: "a".repeat(40), base: "main", at: "2026-01-01T00:00:00Z" } }),
      stubs: {
        // the agent pushes right after the evaluation read the PR
        getPull: async () =>
          reads++ === 0
            ? taskPull()
            : taskPull({ head: { sha: newHead, ref: "autopilot/T-5-x", repo: { full_name: "acme/widgets" } } }),
        enqueuePull: async (_id, expected) => ({ kind: "refused", message: `Expected head oid ${expected} is stale` }),
      },
    });
    await evaluateMerge(ctx, 7, bot);
    const enqueued = github.callsTo("enqueuePull");
    expect(enqueued[0]).toEqual(["PR_7", head]);
    // the next evaluation judged the new head before asking for it
    expect(enqueued.slice(1).every(([, sha]) => sha === newHead)).toBe(true);
    expect(taskOf(github).merge_queue?.head).toBe("a".repeat(40));
  });

  it("remembers a base's queue on the instance: the next task skips the PUT; a base without one is forgotten", async () => {
    const services = testServices();
    const first = mergeQueueRepo({ services });
    await evaluateMerge(first.ctx, 7, bot);
    expect(services.mergeQueueBases.has("acme/widgets:main")).toBe(true);

    const next = mergeQueueRepo({ services });
    await evaluateMerge(next.ctx, 7, bot);
    expect(next.github.callsTo("mergePull")).toHaveLength(0);
    expect(next.github.callsTo("branchRules")).toHaveLength(0);
    expect(next.github.callsTo("enqueuePull")).toEqual([["PR_7", head]]);

    // the ruleset was removed: the enqueue is refused, the rules say no queue, and the PR is merged directly
    const gone = mergeQueueRepo({
      services,
      mergeQueues: [],
      stubs: {
        mergePull: async () => {
          throw new Error("merged");
        },
      },
    });
    await expect(evaluateMerge(gone.ctx, 7, bot)).rejects.toThrow("merged");
    expect(gone.github.callsTo("mergePull")).toEqual([[7, "squash", head]]);
    expect(services.mergeQueueBases.has("acme/widgets:main")).toBe(false);
  });
});
