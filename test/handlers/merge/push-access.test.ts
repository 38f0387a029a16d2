import { describe, expect, it } from "vitest";
import { evaluateMerge } from "../../../src/handlers/merge/evaluate-merge.js";
import { allowedMergeRepo, prComments } from "./allowed-merge-fixture.js";
import { bot, mergeDecision, taskOf } from "./merge-queue-fixture.js";

/** GitHub's 405 to a merge by an app that "Restrict who can push to matching branches" leaves out. */
const notAuthorized =
  "You're not authorized to push to this branch. Visit https://docs.github.com/articles/about-protected-branches/ for more information.";

describe("a base whose protection does not let the app push", () => {
  it("asks the owner after one PUT, naming the setting and the two ways out, and reads nothing more", async () => {
    const { github, ctx, merged } = allowedMergeRepo({ refusal: notAuthorized, reviewComments: 2 });
    const outcome = await evaluateMerge(ctx, 7, bot);
    expect(outcome).toMatchObject({ action: "ask_owner", reason: expect.stringContaining("not authorized to push") });
    expect(merged).toEqual([]);
    expect(github.callsTo("mergePull")).toHaveLength(1);
    // no method, rule or thread changes who may push: nothing is read after the refusal (the rules
    // once before the PUT, as for every PR with line comments: do they require conversations resolved?)
    expect(github.callsTo("mergeSettings")).toHaveLength(0);
    expect(github.callsTo("branchRules")).toHaveLength(1);
    expect(github.callsTo("reviewThreads")).toHaveLength(0);
    expect(taskOf(github).status).toBe("needs_owner");
    expect(taskOf(github).history.at(-1)?.reason).toContain("the app may not push to main");
    const said = prComments(github);
    expect(said).toContain('"Restrict who can push to matching branches"');
    expect(said).toContain("Autopilot's app is not listed");
    expect(said).toContain("merge #7 yourself");
    expect(said).toContain("Sending it back (2) cannot help");
  });

  it("asks rather than waits even when GitHub reports the PR blocked, so the refused PUT is not sent again", async () => {
    const { github, ctx } = allowedMergeRepo({ refusal: notAuthorized, mergeableState: "blocked" });
    expect(await evaluateMerge(ctx, 7, bot)).toMatchObject({ action: "ask_owner" });
    expect(mergeDecision(github) ?? "").not.toContain("waits");
    // the task waits for its owner: evaluating again sends no second PUT and asks nothing twice
    const questions = github.state.comments.length;
    expect(await evaluateMerge(ctx, 7, bot)).toMatchObject({ action: "skip" });
    expect(github.callsTo("mergePull")).toHaveLength(1);
    expect(github.state.comments).toHaveLength(questions);
  });

  it("keeps a refusal by another rule waiting on protection, as before", async () => {
    const { github, ctx } = allowedMergeRepo({
      refusal: "At least 1 approving review is required by reviewers with write access.",
    });
    expect(await evaluateMerge(ctx, 7, bot)).toMatchObject({ action: "wait" });
    expect(taskOf(github).status).toBe("review");
  });
});
