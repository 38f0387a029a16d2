import { describe, expect, it } from "vitest";
import { evaluateMerge } from "../../../src/handlers/merge/evaluate-merge.js";
import { allowedMergeRepo, app, mergedSha, thread } from "./allowed-merge-fixture.js";
import { bot, head, mergeDecision, taskOf } from "./merge-queue-fixture.js";

const person = { login: "alice", bot: false };

describe("a base that requires review conversations resolved", () => {
  it("merges after the app resolves the threads wholly its own, in one request, and retries the PUT once", async () => {
    const { github, ctx } = allowedMergeRepo({
      conversations: "ruleset",
      threads: [
        thread("T1", [app]),
        thread("T2", [app, app], { isOutdated: true }),
        thread("T3", [person], { isResolved: true }),
      ],
    });
    expect(await evaluateMerge(ctx, 7, bot)).toEqual({ action: "merged", sha: mergedSha });
    expect(github.callsTo("resolveReviewThreads")).toEqual([[["T1", "T2"]]]);
    expect(github.callsTo("mergePull")).toEqual([
      [7, "squash", head],
      [7, "squash", head],
    ]);
    expect(taskOf(github).status).toBe("done");
  });

  it("does the same under classic protection's required_conversation_resolution", async () => {
    const { github, ctx } = allowedMergeRepo({ conversations: "classic", threads: [thread("T1", [app])] });
    expect(await evaluateMerge(ctx, 7, bot)).toMatchObject({ action: "merged" });
    expect(github.state.reviewThreads.get(7)?.[0]?.isResolved).toBe(true);
  });

  it("never resolves a thread a person replied in: the task waits, the PR lists it", async () => {
    const { github, ctx } = allowedMergeRepo({
      conversations: "ruleset",
      threads: [thread("T1", [app]), thread("T2", [app, person], { path: "src/b.ts", line: 12 })],
    });
    const outcome = await evaluateMerge(ctx, 7, bot);
    expect(outcome).toMatchObject({ action: "wait", waitingFor: ["protection"] });
    // its own thread resolved and the merge tried once more; the person's thread left as it is
    expect(github.callsTo("resolveReviewThreads")).toEqual([[["T1"]]]);
    expect(github.state.reviewThreads.get(7)?.find((item) => item.id === "T2")?.isResolved).toBe(false);
    expect(github.callsTo("mergePull")).toHaveLength(2);
    expect(taskOf(github).status).toBe("review");
    const said = mergeDecision(github) ?? "";
    expect(said).toContain("1 unresolved review conversation (the base requires every conversation resolved");
    expect(said).toContain("`src/b.ts:12` opened by `@`autopilot\\[bot\\]");
  });

  it("never resolves a thread of another account imitating the app's (a user, or a look-alike login)", async () => {
    const impostor = { login: "autopilot[bot]", bot: false };
    const lookalike = { login: "autopi1ot[bot]", bot: true };
    const { github, ctx } = allowedMergeRepo({
      conversations: "ruleset",
      threads: [thread("T1", [impostor], { line: 1 }), thread("T2", [lookalike], { line: 2 }), thread("T3", [null])],
    });
    const outcome = await evaluateMerge(ctx, 7, bot);
    expect(outcome).toMatchObject({ action: "wait" });
    expect(github.callsTo("resolveReviewThreads")).toHaveLength(0);
    expect(github.callsTo("mergePull")).toHaveLength(1);
    const said = mergeDecision(github) ?? "";
    expect(said).toContain("3 unresolved review conversations");
    expect(said).toContain("`src/a.ts:3` opened by a deleted account");
  });

  it("does not resolve a thread whose comments were not all read (more than GitHub answers at once)", async () => {
    const { github, ctx } = allowedMergeRepo({
      conversations: "ruleset",
      threads: [thread("T1", [app], { complete: false })],
    });
    await evaluateMerge(ctx, 7, bot);
    expect(github.callsTo("resolveReviewThreads")).toHaveLength(0);
  });

  it("disarms the thread's path and opener in the merge-decision comment", async () => {
    const { github, ctx } = allowedMergeRepo({
      conversations: "ruleset",
      threads: [thread("T1", [person], { path: "src/<img src=x onerror=alert(1)>`@org/team`.ts", line: null })],
    });
    await evaluateMerge(ctx, 7, bot);
    const said = mergeDecision(github) ?? "";
    expect(said).toContain("1 unresolved review conversation");
    // the path only inside a code span (no HTML, no mention), the opener's handle not a mention
    expect(said).toContain("``src/<img src=x onerror=alert(1)>`@org/team`.ts``");
    const outsideCode = said.replace(/``[\s\S]*?``|`[^`]*`/g, "");
    expect(outsideCode).not.toContain("<img");
    expect(outsideCode).not.toMatch(/@(org|alice)/);
  });

  it("leaves the app's threads alone where the base is known not to require them resolved", async () => {
    const { github, ctx } = allowedMergeRepo({
      refusal: "At least 1 approving review is required by reviewers with write access.",
      protection: {
        kind: "rules",
        rules: {
          requiredApprovals: 1,
          codeOwnerReviews: false,
          dismissStale: false,
          requiredChecks: [],
          strict: false,
        },
      },
      threads: [thread("T1", [app])],
    });
    const outcome = await evaluateMerge(ctx, 7, bot);
    expect(outcome).toMatchObject({ action: "wait" });
    expect(github.callsTo("resolveReviewThreads")).toHaveLength(0);
    expect(github.callsTo("mergePull")).toHaveLength(1);
    expect(mergeDecision(github)).not.toContain("conversation");
  });

  it("resolves the app's own threads where the protection cannot be read (it may require them)", async () => {
    const { github, ctx } = allowedMergeRepo({
      conversations: "classic",
      protection: { kind: "summary", protected: true, requiredChecks: [] },
      threads: [thread("T1", [app]), thread("T2", [person])],
    });
    const outcome = await evaluateMerge(ctx, 7, bot);
    expect(outcome).toMatchObject({ action: "wait" });
    expect(github.callsTo("resolveReviewThreads")).toEqual([[["T1"]]]);
    expect(mergeDecision(github)).toContain("if the base requires conversations resolved before merging");
  });

  it("reads no threads on the merge GitHub accepts at once", async () => {
    const { github, ctx } = allowedMergeRepo({ threads: [thread("T1", [person])] });
    expect(await evaluateMerge(ctx, 7, bot)).toMatchObject({ action: "merged" });
    expect(github.callsTo("reviewThreads")).toHaveLength(0);
  });

  it("reads no threads after a refusal when GitHub counts no line comment on the PR", async () => {
    const { github, ctx } = allowedMergeRepo({
      conversations: "ruleset",
      refusal: "At least 1 approving review is required by reviewers with write access.",
      reviewComments: 0,
    });
    expect(await evaluateMerge(ctx, 7, bot)).toMatchObject({ action: "wait" });
    expect(github.callsTo("reviewThreads")).toHaveLength(0);
    expect(github.callsTo("mergePull")).toHaveLength(1);
  });
});
