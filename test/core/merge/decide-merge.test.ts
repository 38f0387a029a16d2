import { describe, expect, it } from "vitest";
import { decideMerge } from "../../../src/core/merge/index.js";
import type { MergeDecisionResult } from "../../../src/core/merge/index.js";
import { approval, greenInput, head, oldHead, passed } from "./merge-fixtures.js";

const high = { task: { risk: "high" as const } };
const reasonOf = (result: MergeDecisionResult): string => ("reason" in result ? result.reason : "");

describe("decideMerge: the green path", () => {
  it("merges a low-risk full task with the configured method, pinned to the head", () => {
    expect(decideMerge(greenInput({ merge: { method: "rebase" } }))).toEqual({
      action: "merge",
      method: "rebase",
      sha: head,
    });
  });

  it("needs no review when the review is disabled", () => {
    expect(decideMerge(greenInput({ reviewEnabled: false, review: undefined }))).toMatchObject({ action: "merge" });
    const older = { conclusion: "failure" as const, headSha: oldHead };
    expect(decideMerge(greenInput({ reviewEnabled: false, review: older }))).toMatchObject({ action: "merge" });
  });

  it("still holds on a review that failed on the head when reviews are disabled", () => {
    const review = { conclusion: "failure" as const, headSha: head };
    expect(decideMerge(greenInput({ reviewEnabled: false, review }))).toMatchObject({
      action: "wait",
      waitingFor: ["autopilot/review"],
    });
  });
});

describe("decideMerge: the review can hold a merge, never make one", () => {
  it("waits on a failed gate even though the review accepted", () => {
    const input = greenInput({
      gates: { ...greenInput().gates, "autopilot/secrets": { ...passed(), conclusion: "failure" } },
    });
    const result = decideMerge(input);
    expect(result).toMatchObject({ action: "wait", waitingFor: ["autopilot/secrets"] });
    expect(reasonOf(result)).toContain("autopilot/secrets concluded failure");
  });

  it("waits for approvals under `approval` when everything else is green", () => {
    expect(decideMerge(greenInput(high))).toMatchObject({ action: "wait", waitingFor: ["approvals"] });
  });

  it("waits on a rejected review even with gates, CI and approvals green", () => {
    const input = greenInput({
      ...high,
      approvals: [approval("mona")],
      review: { conclusion: "failure", headSha: head },
    });
    expect(decideMerge(input)).toMatchObject({ action: "wait", waitingFor: ["autopilot/review"] });
  });

  it("does not count a review of an older head", () => {
    const result = decideMerge(greenInput({ review: { conclusion: "success", headSha: oldHead } }));
    expect(result).toMatchObject({ action: "wait", waitingFor: ["autopilot/review"] });
    expect(reasonOf(result)).toContain("last ran on bbbbbbb");
  });
});

describe("decideMerge: approvals", () => {
  it("merges a high-risk task once an owner approved the head", () => {
    expect(decideMerge(greenInput({ ...high, approvals: [approval("mona")] }))).toMatchObject({
      action: "merge",
      sha: head,
    });
  });

  it("ignores an approval from someone who is not an owner", () => {
    const result = decideMerge(greenInput({ ...high, approvals: [approval("eve")] }));
    expect(result).toMatchObject({ action: "wait", waitingFor: ["approvals"] });
    expect(reasonOf(result)).toContain("eve is not an owner");
  });

  it("says an owner GitHub gives no write access did not count, rather than calling them no owner", () => {
    // the caller left the read-only owner out of `owners` and named them in `withoutWriteAccess`
    const result = decideMerge(
      greenInput({ ...high, owners: ["mona"], withoutWriteAccess: ["Reader"], approvals: [approval("reader")] }),
    );
    expect(result).toMatchObject({ action: "wait", waitingFor: ["approvals"] });
    expect(reasonOf(result)).toContain("0 of 1 approval(s)");
    expect(reasonOf(result)).toContain("reader has no write access to this repository");
  });

  it("ignores an approval of an older head", () => {
    const result = decideMerge(greenInput({ ...high, approvals: [approval("mona", { commitId: oldHead })] }));
    expect(result).toMatchObject({ action: "wait" });
    expect(reasonOf(result)).toContain("mona approved bbbbbbb, not the head aaaaaaa");
  });

  it("cancels an approval when the same owner later requests changes", () => {
    const approvals = [
      approval("mona", { submittedAt: "2025-06-01T12:00:00Z" }),
      approval("Mona", { state: "CHANGES_REQUESTED", submittedAt: "2025-06-01T12:05:00Z" }),
    ];
    const result = decideMerge(greenInput({ ...high, approvals }));
    expect(result).toMatchObject({ action: "wait" });
    expect(reasonOf(result)).toContain("Mona requested changes");
  });

  it("waits while a person's conversation was resolved by someone without standing, its path disarmed", () => {
    const settledThreads = [
      { path: "src/`x`.ts", line: 4, openedBy: "mona", resolvedBy: "copilot-swe-agent" },
      { path: "src/y.ts", line: null, openedBy: "mona", resolvedBy: null },
    ];
    const result = decideMerge(greenInput({ settledThreads }));
    expect(result).toMatchObject({ action: "wait", waitingFor: ["approvals"] });
    expect(reasonOf(result)).toBe(
      "the conversation at ``src/`x`.ts:4`` opened by mona was resolved by copilot-swe-agent; the conversation at `src/y.ts` opened by mona was resolved by an app: only its opener or an owner settles it, so the merge waits until one of them resolves it again",
    );
    expect(decideMerge(greenInput({ settledThreads: [] }))).toMatchObject({ action: "merge" });
  });

  it("says why a dismissed request for changes still holds, naming who dismissed it", () => {
    const approvals = [approval("mona", { state: "CHANGES_REQUESTED" })];
    const result = decideMerge(
      greenInput({ approvals, overruledDismissals: [{ reviewer: "Mona", dismissedBy: "copilot-swe-agent" }] }),
    );
    expect(reasonOf(result)).toBe(
      "mona requested changes: the merge waits until they approve the head or their review is dismissed; copilot-swe-agent's dismissal of Mona's review does not count: only an owner who is none of the change's own accounts lifts it",
    );
  });

  it("counts an approval given after requesting changes, and ignores a later plain comment", () => {
    const approvals = [
      approval("mona", { state: "CHANGES_REQUESTED", submittedAt: "2025-06-01T11:00:00Z" }),
      approval("mona", { submittedAt: "2025-06-01T12:00:00Z" }),
      approval("mona", { state: "COMMENTED", submittedAt: "2025-06-01T13:00:00Z" }),
    ];
    expect(decideMerge(greenInput({ ...high, approvals }))).toMatchObject({ action: "merge" });
  });

  it("ignores dismissed approvals and pending reviews", () => {
    const approvals = [
      approval("mona", { submittedAt: "2025-06-01T12:00:00Z" }),
      approval("mona", { state: "DISMISSED", submittedAt: "2025-06-01T12:01:00Z" }),
      approval("hubot", { state: "PENDING", submittedAt: null }),
    ];
    const result = decideMerge(greenInput({ ...high, owners: ["mona", "hubot"], approvals }));
    expect(result).toMatchObject({ action: "wait", waitingFor: ["approvals"] });
    expect(reasonOf(result)).toContain("mona had their review dismissed");
  });

  it("never lets the agent approve its own work, even when listed as an owner", () => {
    const owners = ["mona", "copilot-swe-agent", "autopilot[bot]", "helper[bot]"];
    const approvals = [approval("copilot-swe-agent"), approval("autopilot[bot]"), approval("helper[bot]")];
    const result = decideMerge(greenInput({ ...high, owners, approvals }));
    expect(result).toMatchObject({ action: "wait" });
    expect(reasonOf(result)).toContain("copilot-swe-agent is the agent, a bot, or wrote or pushed this change");
  });

  it("does not count the PR author's approval", () => {
    const input = greenInput({ ...high, pull: { author: "mona" }, approvals: [approval("mona")] });
    expect(reasonOf(decideMerge(input))).toContain("mona wrote the pull request");
  });

  it("waits for `required_approvals` distinct owners", () => {
    const base = { ...high, owners: ["mona", "hubot"], merge: { required_approvals: 2 } };
    const one = decideMerge(greenInput({ ...base, approvals: [approval("mona"), approval("mona")] }));
    expect(reasonOf(one)).toContain("1 of 2");
    const two = decideMerge(greenInput({ ...base, approvals: [approval("mona"), approval("@Hubot")] }));
    expect(two).toMatchObject({ action: "merge" });
  });

  it("says so when no owner is known", () => {
    expect(reasonOf(decideMerge(greenInput({ ...high, owners: [] })))).toContain("no owner is known");
  });
});

describe("decideMerge: modes and critical risk", () => {
  it("never merges a disabled task under the default policy", () => {
    expect(decideMerge(greenInput({ task: { mode: "disabled" }, approvals: [approval("mona")] }))).toMatchObject({
      action: "never",
    });
  });

  it("lets a disabled task merge by approval only when the policy says approval", () => {
    const row = { full: "auto", review_only: "approval", disabled: "approval" } as const;
    const merge = { policy: { ...greenInput().config.merge.policy, low: row } };
    expect(decideMerge(greenInput({ task: { mode: "disabled" }, merge }))).toMatchObject({
      action: "wait",
      waitingFor: ["approvals"],
    });
    expect(decideMerge(greenInput({ task: { mode: "disabled" }, merge, approvals: [approval("mona")] }))).toMatchObject(
      { action: "merge" },
    );
  });

  it("treats critical `auto` as `approval` unless allow_auto_critical", () => {
    const row = { full: "auto", review_only: "approval", disabled: "never" } as const;
    const policy = { ...greenInput().config.merge.policy, critical: row };
    const critical = { task: { risk: "critical" as const } };
    const refused = decideMerge(greenInput({ ...critical, merge: { policy, allow_auto_critical: false } }));
    expect(refused).toMatchObject({ action: "wait", waitingFor: ["approvals"] });
    expect(reasonOf(refused)).toContain("allow_auto_critical");
    expect(decideMerge(greenInput({ ...critical, merge: { policy, allow_auto_critical: true } }))).toMatchObject({
      action: "merge",
    });
  });
});

describe("decideMerge: the pull request's state", () => {
  it("waits while paused, whatever else is green", () => {
    expect(decideMerge(greenInput({ paused: true, approvals: [approval("mona")] }))).toEqual({
      action: "wait",
      reason: expect.stringContaining("paused"),
      waitingFor: ["resume"],
    });
  });

  it("never acts on a closed or merged PR", () => {
    expect(decideMerge(greenInput({ pull: { state: "closed" } }))).toMatchObject({ action: "never" });
    expect(decideMerge(greenInput({ pull: { state: "merged" }, paused: true }))).toMatchObject({ action: "never" });
  });

  it("marks a draft ready once gates and the review are green, before CI or approvals", () => {
    expect(decideMerge(greenInput({ ...high, pull: { draft: true }, requiredChecks: [] }))).toEqual({
      action: "mark_ready",
    });
  });

  it("keeps a draft while a gate or the review is not green", () => {
    const draft = { pull: { draft: true } };
    expect(decideMerge(greenInput({ ...draft, review: undefined }))).toMatchObject({
      action: "wait",
      waitingFor: ["autopilot/review"],
    });
    const gates = { ...greenInput().gates, "autopilot/scope": undefined };
    expect(decideMerge(greenInput({ ...draft, gates }))).toMatchObject({
      action: "wait",
      waitingFor: ["autopilot/scope"],
    });
  });

  it("leaves a draft to the agent when the review is disabled", () => {
    const result = decideMerge(greenInput({ pull: { draft: true }, reviewEnabled: false }));
    expect(result).toMatchObject({ action: "wait", waitingFor: ["ready_for_review"] });
  });

  it("updates a branch that is behind its base, pinned to the head it saw, before asking for approvals", () => {
    expect(decideMerge(greenInput({ ...high, pull: { behindBase: true } }))).toEqual({
      action: "update_branch",
      expectedHeadSha: head,
    });
  });

  it("asks the owner about conflicts and waits while GitHub computes mergeability", () => {
    expect(decideMerge(greenInput({ pull: { mergeable: false, behindBase: true } }))).toEqual({
      action: "ask_owner",
      reason: expect.stringContaining("conflicts"),
    });
    expect(decideMerge(greenInput({ pull: { mergeable: null } }))).toEqual({
      action: "wait",
      reason: "GitHub is computing mergeability",
      waitingFor: ["mergeability"],
    });
  });

  it("lists every check it waits for at once", () => {
    const result = decideMerge(greenInput({ gates: {}, review: undefined, requiredChecks: [] }));
    expect(result).toMatchObject({
      action: "wait",
      waitingFor: ["autopilot/scope", "autopilot/concordance", "autopilot/secrets", "autopilot/review", "ci/test"],
    });
  });
});
