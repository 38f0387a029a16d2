import { describe, expect, it } from "vitest";
import {
  changeAccounts,
  changesRequestedBy,
  declaredAccounts,
  decideMerge,
  settledWithoutStanding,
  type MergeDecisionResult,
  type ReviewThreadView,
} from "../../../src/core/merge/index.js";
import { approval, greenInput } from "./merge-fixtures.js";

// A commit's author is whatever its e-mail names (an owner's public no-reply address links the
// commit to the owner's account, with no proof): such a claim refuses trust, never drops an objection.
const reasonOf = (result: MergeDecisionResult): string => ("reason" in result ? result.reason : "");
const declared = ["autopilot[bot]", "copilot-swe-agent"];
// the agent's forged commit names the owner mona as its author
const claimingMona = { agent: [...declared, "mona"], declaredAccounts: declared };

describe("declaredAccounts: the change's accounts no commit can claim", () => {
  it("holds the bot, the PR author, agent accounts and the handle, never a commit's author or committer", () => {
    const input = {
      botLogin: "autopilot[bot]",
      pullAuthor: "Autopilot[bot]",
      commitAccounts: ["mona", null, "copilot-swe-agent"],
      agentAccounts: ["Copilot-SWE-Agent"],
      dispatchHandle: "@coder",
    };
    expect(declaredAccounts(input)).toEqual(["autopilot[bot]", "copilot-swe-agent", "coder"]);
    expect(changeAccounts(input)).toEqual(["autopilot[bot]", "mona", "copilot-swe-agent", "coder"]);
  });
});

describe("an owner's request for changes against a commit that claims to be theirs", () => {
  const objection = approval("mona", { state: "CHANGES_REQUESTED" });

  it("still counts when a commit names the owner, and not when a declared account asks", () => {
    const reviews = [objection, approval("copilot-swe-agent", { state: "CHANGES_REQUESTED" })];
    const owners = ["mona", "copilot-swe-agent"];
    expect(changesRequestedBy({ reviews, owners, declaredAccounts: declared, author: "autopilot[bot]" })).toEqual([
      "mona",
    ]);
  });

  it("holds an auto merge, naming the owner", () => {
    const result = decideMerge(greenInput({ ...claimingMona, approvals: [objection] }));
    expect(result).toMatchObject({ action: "wait", waitingFor: ["approvals"] });
    expect(reasonOf(result)).toContain("mona requested changes");
  });

  it("still refuses the claimed owner's approval under an approval cell", () => {
    const result = decideMerge(greenInput({ ...claimingMona, task: { risk: "high" }, approvals: [approval("mona")] }));
    expect(result).toMatchObject({ action: "wait", waitingFor: ["approvals"] });
    expect(reasonOf(result)).toContain("mona is the agent, a bot, or wrote or pushed this change");
  });
});

describe("a person's conversation when a commit claims to be theirs", () => {
  const alice = { login: "alice", bot: false };
  const resolved = (resolvedBy: string): ReviewThreadView => ({
    id: "T",
    isResolved: true,
    path: "src/a.ts",
    line: 1,
    authors: [alice],
    complete: true,
    resolvedBy,
  });
  // the agent's commit names alice (its author) and bob (its committer)
  const facts = {
    owners: ["alice", "bob"],
    changeAccounts: ["agent-dev", "alice", "bob"],
    declaredAccounts: ["agent-dev"],
  };

  it("still holds when the agent resolves it", () => {
    expect(settledWithoutStanding([resolved("agent-dev")], "autopilot[bot]", facts)).toEqual([
      { path: "src/a.ts", line: 1, openedBy: "alice", resolvedBy: "agent-dev" },
    ]);
  });

  it("is settled by its opener, not by an owner a commit names", () => {
    expect(settledWithoutStanding([resolved("alice")], "autopilot[bot]", facts)).toEqual([]);
    expect(settledWithoutStanding([resolved("bob")], "autopilot[bot]", facts)).toHaveLength(1);
  });

  it("is the change's own only when a declared account opened it", () => {
    const byAgent = { ...resolved("agent-dev"), authors: [{ login: "Agent-Dev", bot: false }] };
    expect(settledWithoutStanding([byAgent], "autopilot[bot]", facts)).toEqual([]);
  });
});
