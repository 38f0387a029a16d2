import { describe, expect, it } from "vitest";
import { evaluateMerge } from "../../../src/handlers/merge/evaluate-merge.js";
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

const enqueued = { merge_queue: { head, base: "main", at: "2026-01-01T00:00:00Z" } };

/** A task whose head the app put in the queue, which GitHub then took out (`state.mergeQueue` empty). */
const dequeuedRepo = (pull = taskPull()) => mergeQueueRepo({ queueLine: queueLine(enqueued), pull });

const questions = (github: ReturnType<typeof mergeQueueRepo>["github"]) =>
  github.state.comments.filter((comment) => comment.issueNumber === 7 && comment.key !== "merge-decision");

describe("a head the app queued that leaves the merge queue", () => {
  it("is never queued again by itself after a failed merge group: the owner is asked, in GitHub's words", async () => {
    const { github, ctx } = dequeuedRepo();
    const outcome = await evaluateMerge(ctx, 7, bot, { dequeuedReason: "CI_FAILURE" });
    expect(outcome).toMatchObject({ action: "ask_owner" });
    expect(github.callsTo("enqueuePull")).toHaveLength(0);
    expect(github.callsTo("mergePull")).toHaveLength(0);
    const task = taskOf(github);
    expect(task.status).toBe("needs_owner");
    expect(task.merge_queue?.removed).toMatchObject({ reason: "CI_FAILURE" });
    expect(
      questions(github)
        .map((comment) => comment.body)
        .join("\n"),
    ).toContain("a required check failed on its merge group");
  });

  it("respects a person's removal (MANUAL): said once on the PR, not queued again, no question", async () => {
    const { github, ctx } = dequeuedRepo();
    const first = await evaluateMerge(ctx, 7, bot, { dequeuedReason: "MANUAL" });
    expect(first).toMatchObject({ action: "wait" });
    expect(taskOf(github).status).toBe("review");
    expect(mergeDecision(github)).toContain("a person removed it");
    const commits = github.state.commits.length;
    const before = github.calls.length;
    // any later event (a check, the sweep) changes nothing: no enqueue, no write, no GitHub read beyond the PR
    const later = await evaluateMerge(ctx, 7, bot);
    expect(later).toMatchObject({ action: "wait" });
    const ops = github.calls.slice(before).map((call) => call.op);
    expect(ops).not.toContain("enqueuePull");
    expect(ops).not.toContain("mergeQueueEntry");
    expect(ops).not.toContain("upsertSticky");
    expect(github.state.commits.length).toBe(commits);
    expect(github.callsTo("enqueuePull")).toHaveLength(0);
  });

  it("judges a new head (the agent's push) afresh and queues it once green", async () => {
    const { github, ctx } = dequeuedRepo(
      taskPull({ head: { sha: newHead, ref: "autopilot/T-5-x", repo: { full_name: "acme/widgets" } } }),
    );
    const outcome = await evaluateMerge(ctx, 7, bot, { dequeuedReason: "UNKNOWN_REMOVAL_REASON" });
    expect(outcome).toMatchObject({ action: "wait" });
    expect(github.callsTo("enqueuePull")).toEqual([["PR_7", newHead]]);
    expect(taskOf(github).merge_queue).toMatchObject({ head: newHead });
    expect(taskOf(github).merge_queue?.removed).toBeUndefined();
  });

  it("queues the same head again after an owner answered 'judge again' (needs_owner → review after the removal)", async () => {
    const removed = { ...enqueued.merge_queue, removed: { reason: "CI_FAILURE", at: "2026-01-02T00:00:00Z" } };
    const judgedAgain = {
      from: "needs_owner",
      to: "review",
      actor: "owner",
      reason: "judge again",
      delivery: null,
      at: "2026-01-03T00:00:00Z",
    };
    const { github, ctx } = mergeQueueRepo({
      queueLine: queueLine({ merge_queue: removed, history: [judgedAgain] as never }),
    });
    await evaluateMerge(ctx, 7, bot);
    expect(github.callsTo("enqueuePull")).toEqual([["PR_7", head]]);
    expect(taskOf(github).merge_queue?.removed).toBeUndefined();
  });
});

describe("forged merge-queue events change nothing", () => {
  it("a dequeued payload saying MERGE on a PR still queued: read from GitHub, still queued, nothing recorded", async () => {
    const { github, ctx } = dequeuedRepo();
    github.state.mergeQueue.set(7, head);
    const outcome = await evaluateMerge(ctx, 7, bot, { dequeuedReason: "MERGE" });
    expect(outcome).toMatchObject({ action: "wait", reason: expect.stringContaining("in the merge queue") });
    expect(taskOf(github).merge_queue?.removed).toBeUndefined();
    expect(taskOf(github).status).toBe("review");
    expect(github.state.commits).toHaveLength(0);
  });

  it("a dequeued payload saying MANUAL on a head GitHub still queues is not taken for a removal", async () => {
    const { github, ctx } = dequeuedRepo();
    github.state.mergeQueue.set(7, head);
    await evaluateMerge(ctx, 7, bot, { dequeuedReason: "MANUAL" });
    expect(taskOf(github).merge_queue?.removed).toBeUndefined();
    expect(mergeDecision(github)).toBeUndefined();
  });

  it("a head that merged while the queue entry was read is finished by reading again, not taken as removed", async () => {
    let reads = 0;
    const { github, ctx } = mergeQueueRepo({
      queueLine: queueLine(enqueued),
      stubs: {
        getPull: async () =>
          reads++ === 0 ? taskPull() : taskPull({ state: "closed", merged: true, merge_commit_sha: "e".repeat(40) }),
        // the finish is another test's: here the evaluation only has to reach it
        findStickies: async () => {
          throw new Error("finishing");
        },
      },
    });
    await expect(evaluateMerge(ctx, 7, bot, { dequeuedReason: "MERGE" })).rejects.toThrow("finishing");
    expect(taskOf(github).merge_queue?.removed).toBeUndefined();
  });
});
