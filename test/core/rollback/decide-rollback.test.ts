import { describe, expect, it } from "vitest";
import {
  applyTransition,
  getEntry,
  mergeQueues,
  parseQueue,
  serializeQueue,
  type RollbackRecord,
} from "../../../src/core/queue/index.js";
import {
  decideRollback,
  recordRevertPull,
  recordRollback,
  revertPullText,
  rollbackIssueText,
  type RollbackInput,
} from "../../../src/core/rollback/index.js";
import { entryFor, fileOf, lineFor } from "../queue/queue-fixtures.js";

const mergeSha = "a".repeat(40);
const bot = "autopilot-sandbox[bot]";
const done = ["queued", "in_progress", "review", "done"] as const;

const input = (overrides: Partial<RollbackInput> = {}): RollbackInput => ({
  failure: {
    name: "ci/test",
    sha: mergeSha,
    outcome: "failure",
    source: { kind: "status", creator: "acme-ci" },
    url: "https://ci.example/runs/7",
  },
  requiredChecks: ["ci/test"],
  enabled: true,
  entry: entryFor(5, [...done], { merge_sha: mergeSha }),
  pull: { number: 105, merged: true, mergeCommitSha: mergeSha, mergedBy: bot },
  appLogin: bot,
  ownAccounts: [bot, "agent-bot"],
  at: "2025-06-01T12:00:00.000Z",
  ...overrides,
});

/** The rollback record `decideRollback` makes for the default input. */
const theRecord = (): RollbackRecord => {
  const decision = decideRollback(input());
  if (decision.action !== "revert") throw new Error(decision.reason);
  return decision.record;
};

const reasonOf = (overrides: Partial<RollbackInput>): string => {
  const decision = decideRollback(input(overrides));
  if (decision.action !== "ignore") throw new Error(`expected ignore, got ${decision.action}`);
  return decision.reason;
};

describe("decideRollback", () => {
  it("reverts a merge Autopilot made when a required check fails on its merge commit", () => {
    expect(decideRollback(input())).toEqual({
      action: "revert",
      taskId: "T-5",
      record: {
        merge_sha: mergeSha,
        pr: 105,
        check: "ci/test",
        url: "https://ci.example/runs/7",
        reported_by: "acme-ci",
        revert_pr: null,
        at: "2025-06-01T12:00:00.000Z",
      },
    });
  });

  it("never reverts a merge a person made, even of a task's PR the queue recorded as done", () => {
    const pull = { number: 105, merged: true, mergeCommitSha: mergeSha, mergedBy: "octocat" };
    expect(reasonOf({ pull })).toBe("#105 was merged by octocat, not by Autopilot");
    expect(reasonOf({ pull: { ...pull, mergedBy: null } })).toContain("an unknown account");
  });

  it("never reverts twice: a task that carries a rollback is left alone whatever fails next", () => {
    const record = { ...theRecord(), revert_pr: 9 };
    const entry = entryFor(5, [...done, "blocked"], { merge_sha: mergeSha, rollback: record });
    expect(reasonOf({ entry })).toBe("T-5 was rolled back already (revert #9)");
    const other = { ...input().failure, name: "ci/lint" };
    expect(reasonOf({ entry, failure: other, requiredChecks: ["ci/test", "ci/lint"] })).toContain(
      "rolled back already",
    );
  });

  it("ignores what is not a failure of a required check on a task's merge", () => {
    expect(reasonOf({ failure: { ...input().failure, outcome: "success" } })).toContain("did not fail");
    expect(reasonOf({ failure: { ...input().failure, outcome: "pending" } })).toContain("did not fail");
    const cancelled = { ...input().failure, outcome: "cancelled", source: { kind: "check_run", app: "ci" } as const };
    expect(reasonOf({ failure: cancelled })).toContain("did not fail");
    expect(reasonOf({ requiredChecks: ["ci/build"] })).toBe("ci/test is not one of merge.required_checks");
    expect(reasonOf({ entry: undefined })).toContain("no task was merged as aaaaaaa");
    expect(reasonOf({ pull: { number: 105, merged: true, mergeCommitSha: "b".repeat(40), mergedBy: bot } })).toBe(
      "#105 was not merged as aaaaaaa",
    );
    expect(reasonOf({ enabled: false })).toContain("merge.rollback: false");
  });

  it("counts a failure only from a source that would count for the check (attacker: a forged red status)", () => {
    // pinned to an app: a commit status by anyone with write access does not count, nor another app's run
    const pinned = [{ name: "ci/test", app: "acme-ci-app" }];
    expect(reasonOf({ requiredChecks: pinned })).toBe(
      "ci/test failed, but it does not count: a commit status by acme-ci (ci/test must come from acme-ci-app)",
    );
    const otherApp = { ...input().failure, source: { kind: "check_run", app: "intruder" } as const };
    expect(reasonOf({ requiredChecks: pinned, failure: otherApp })).toContain("a check run by intruder");
    const pinnedRun = { ...input().failure, source: { kind: "check_run", app: "acme-ci-app" } as const };
    expect(decideRollback(input({ requiredChecks: pinned, failure: pinnedRun })).action).toBe("revert");
    // unpinned: a status by the change's own accounts (the agent, the app) does not count
    const byAgent = { ...input().failure, source: { kind: "status", creator: "Agent-Bot" } as const };
    expect(reasonOf({ failure: byAgent })).toContain("an account of the change itself");
  });
});

describe("recordRollback", () => {
  const queue = () => parseQueue(fileOf(lineFor(5, [...done], { merge_sha: mergeSha }))).doc;
  const record = theRecord;

  it("moves the task done → blocked with the rollback, once; a second delivery changes nothing", () => {
    const first = recordRollback(queue(), { taskId: "T-5", record: record(), actor: bot, delivery: "d-1" });
    if (!first.ok) throw new Error(first.reason);
    expect(first.changed).toBe(true);
    expect(first.entry.status).toBe("blocked");
    expect(first.entry.history.at(-1)).toMatchObject({ from: "done", to: "blocked", delivery: "d-1" });
    const again = recordRollback(first.doc, {
      taskId: "T-5",
      record: { ...record(), check: "ci/lint" },
      actor: bot,
      delivery: "d-2",
    });
    expect(again).toMatchObject({ ok: true, changed: false });
    const reverted = recordRevertPull(first.doc, "T-5", 12, bot);
    if (!reverted.ok) throw new Error(reverted.reason);
    expect(reverted.entry.rollback?.revert_pr).toBe(12);
    expect(reverted.entry.history).toHaveLength(first.entry.history.length);
    // the queue line round-trips
    const text = serializeQueue(reverted.doc);
    expect(serializeQueue(parseQueue(text).doc)).toBe(text);
  });

  it("is the only way out of done: a plain move done → blocked is still refused", () => {
    const plain = applyTransition(queue(), {
      taskId: "T-5",
      to: "blocked",
      actor: "octocat",
      reason: "/block",
      delivery: "d-3",
      at: "2025-06-01T12:00:00.000Z",
    });
    expect(plain).toEqual({ ok: false, reason: "T-5 is done; done is final; it cannot move to blocked" });
  });

  it("a rollback beats the other side's done in a three-way merge of the queue", () => {
    const base = fileOf(lineFor(5, ["queued", "in_progress", "review"]));
    const theirs = fileOf(lineFor(5, [...done], { merge_sha: mergeSha }));
    const moved = recordRollback(parseQueue(theirs).doc, {
      taskId: "T-5",
      record: record(),
      actor: bot,
      delivery: "d",
    });
    if (!moved.ok) throw new Error(moved.reason);
    const merged = mergeQueues(base, serializeQueue(moved.doc), theirs);
    expect(getEntry(parseQueue(merged.text).doc, "T-5")?.status).toBe("blocked");
  });
});

describe("rollback texts", () => {
  it("link the failing check and the revert, and say the revert is a person's to merge", () => {
    const rec = { ...theRecord(), revert_pr: 12 };
    expect(revertPullText("T-5", rec).title).toBe("Revert T-5: ci/test failed on aaaaaaa");
    expect(revertPullText("T-5", rec).body).toContain("[`ci/test`](https://ci.example/runs/7)");
    expect(revertPullText("T-5", rec).body).toContain("does not merge it");
    expect(rollbackIssueText("T-5", rec)).toContain("the revert is #12");
    const bad = { ...rec, url: "javascript:alert(1)" };
    expect(rollbackIssueText("T-5", bad)).not.toContain("javascript:");
  });
});
