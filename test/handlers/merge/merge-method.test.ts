import { describe, expect, it } from "vitest";
import { evaluateMerge } from "../../../src/handlers/merge/evaluate-merge.js";
import { testServices } from "../../helpers/test-services.js";
import { allowedMergeRepo, mergedSha, prComments } from "./allowed-merge-fixture.js";
import { bot, head, mergeDecision, taskOf } from "./merge-queue-fixture.js";

describe("merge.method unset: the first method the repository allows", () => {
  it("merges with squash in one PUT and reads nothing more when the repository allows it", async () => {
    const { github, ctx, merged } = allowedMergeRepo();
    expect(await evaluateMerge(ctx, 7, bot)).toEqual({ action: "merged", sha: mergedSha });
    expect(github.callsTo("mergePull")).toEqual([[7, "squash", head]]);
    expect(github.callsTo("mergeSettings")).toHaveLength(0);
    expect(github.callsTo("branchRules")).toHaveLength(0);
    expect(github.callsTo("reviewThreads")).toHaveLength(0);
    expect(merged).toEqual(["squash"]);
  });

  it("merges by merge commit once in a repository with squash off, and remembers it for the next task", async () => {
    const services = testServices();
    const first = allowedMergeRepo({ settings: { squashMergeAllowed: false }, services });
    expect(await evaluateMerge(first.ctx, 7, bot)).toEqual({ action: "merged", sha: mergedSha });
    // refused, the settings and the base's rules read, then one more PUT pinned to the same head
    expect(first.github.callsTo("mergePull")).toEqual([
      [7, "squash", head],
      [7, "merge", head],
    ]);
    expect(first.github.callsTo("mergeSettings")).toHaveLength(1);
    expect(first.github.callsTo("branchRules")).toEqual([["main"]]);
    expect(taskOf(first.github).status).toBe("done");

    const next = allowedMergeRepo({ settings: { squashMergeAllowed: false }, services });
    await evaluateMerge(next.ctx, 7, bot);
    expect(next.github.callsTo("mergePull")).toEqual([[7, "merge", head]]);
    expect(next.github.callsTo("mergeSettings")).toHaveLength(0);
  });

  it("chooses again when the remembered method is turned off", async () => {
    const services = testServices();
    services.mergeMethods.set("acme/widgets", "merge");
    const { github, ctx } = allowedMergeRepo({ settings: { mergeCommitAllowed: false }, services });
    expect(await evaluateMerge(ctx, 7, bot)).toMatchObject({ action: "merged" });
    expect(github.callsTo("mergePull").map(([, method]) => method)).toEqual(["merge", "squash"]);
    expect(services.mergeMethods.get("acme/widgets")).toBe("squash");
  });

  it("rebases when squash is off and a ruleset's linear history rule forbids merge commits", async () => {
    const { github, ctx, merged } = allowedMergeRepo({
      settings: { squashMergeAllowed: false },
      rules: [{ type: "required_linear_history", ruleset_id: 3 }],
    });
    expect(await evaluateMerge(ctx, 7, bot)).toMatchObject({ action: "merged" });
    expect(github.callsTo("mergePull").map(([, method]) => method)).toEqual(["squash", "rebase"]);
    expect(merged).toEqual(["rebase"]);
  });

  it("keeps to a ruleset's allowed_merge_methods", async () => {
    const { ctx, merged } = allowedMergeRepo({
      settings: { squashMergeAllowed: false },
      rules: [{ type: "pull_request", parameters: { allowed_merge_methods: ["rebase"] }, ruleset_id: 4 }],
    });
    expect(await evaluateMerge(ctx, 7, bot)).toMatchObject({ action: "merged" });
    expect(merged).toEqual(["rebase"]);
  });

  it("asks the owner, after one PUT, when the repository allows no method on the base", async () => {
    const { github, ctx } = allowedMergeRepo({
      settings: { squashMergeAllowed: false, rebaseMergeAllowed: false },
      rules: [{ type: "required_linear_history", ruleset_id: 3 }],
    });
    const outcome = await evaluateMerge(ctx, 7, bot);
    expect(outcome).toMatchObject({ action: "ask_owner", reason: expect.stringContaining("allow none of") });
    expect(github.callsTo("mergePull")).toHaveLength(1);
    expect(taskOf(github).status).toBe("needs_owner");
    expect(prComments(github)).toContain("Settings → General → Pull requests");
  });
});

describe("merge.method configured", () => {
  it("never merges another way when the repository forbids it: the owner is asked, naming the setting", async () => {
    const { github, ctx, merged } = allowedMergeRepo({ settings: { squashMergeAllowed: false }, method: "squash" });
    const outcome = await evaluateMerge(ctx, 7, bot);
    expect(outcome).toMatchObject({ action: "ask_owner" });
    expect(github.callsTo("mergePull")).toEqual([[7, "squash", head]]);
    expect(merged).toEqual([]);
    expect(taskOf(github).status).toBe("needs_owner");
    const said = prComments(github);
    expect(said).toContain("merge.method is squash, which the repository does not allow");
    expect(said).toContain("“Allow squash merging” is off in Settings → General → Pull requests");
    expect(said).toContain("change or remove merge.method in .github/autopilot.yml");
  });

  it("is used as configured, with nothing read, when the repository allows it", async () => {
    const { github, ctx, merged } = allowedMergeRepo({ method: "rebase" });
    expect(await evaluateMerge(ctx, 7, bot)).toMatchObject({ action: "merged" });
    expect(merged).toEqual(["rebase"]);
    expect(github.callsTo("mergeSettings")).toHaveLength(0);
  });

  it("keeps today's handling of a refusal for another reason: one PUT, the protection explained", async () => {
    const { github, ctx } = allowedMergeRepo({
      method: "merge",
      refusal: "At least 1 approving review is required by reviewers with write access.",
    });
    const outcome = await evaluateMerge(ctx, 7, bot);
    expect(outcome).toMatchObject({ action: "wait", waitingFor: ["protection"] });
    expect(github.callsTo("mergePull")).toHaveLength(1);
    expect(mergeDecision(github)).toContain("needs 1 more approving review");
    expect(taskOf(github).status).toBe("review");
  });
});
