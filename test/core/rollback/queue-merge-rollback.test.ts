import { describe, expect, it } from "vitest";
import { mergeQueueLogin } from "../../../src/core/merge/index.js";
import { decideRollback, type RollbackInput } from "../../../src/core/rollback/index.js";
import { entryFor } from "../queue/queue-fixtures.js";

const mergeSha = "a".repeat(40);
const head = "c".repeat(40);
const bot = "autopilot-sandbox[bot]";
const done = ["queued", "in_progress", "review", "done"] as const;
const queued = { head, base: "main", at: "2025-06-01T11:00:00.000Z" };

const input = (entryExtra: object, pullExtra: object = {}): RollbackInput => ({
  failure: {
    name: "ci/test",
    sha: mergeSha,
    outcome: "failure",
    source: { kind: "status", creator: "acme-ci" },
    url: null,
  },
  requiredChecks: ["ci/test"],
  enabled: true,
  entry: entryFor(5, [...done], { merge_sha: mergeSha, ...entryExtra }),
  pull: { number: 105, merged: true, mergeCommitSha: mergeSha, mergedBy: mergeQueueLogin, headSha: head, ...pullExtra },
  appLogin: bot,
  ownAccounts: [bot],
  at: "2025-06-01T12:00:00.000Z",
});

describe("a merge made by GitHub's merge queue", () => {
  it("counts as Autopilot's when the queue merged the very head Autopilot put in it", () => {
    expect(decideRollback(input({ merge_queue: queued })).action).toBe("revert");
  });

  it("is a person's when they enqueued it: no record, another head, or the app's head after it left the queue", () => {
    for (const [entryExtra, pullExtra] of [
      [{}, {}],
      [{ merge_queue: queued }, { headSha: "d".repeat(40) }],
      [{ merge_queue: { ...queued, removed: { reason: "MANUAL", at: "2025-06-01T11:30:00.000Z" } } }, {}],
      [{ merge_queue: queued }, { headSha: undefined }],
    ] as const) {
      const decision = decideRollback(input(entryExtra, pullExtra));
      expect(decision).toMatchObject({ action: "ignore", reason: expect.stringContaining("merge queue") });
    }
  });

  it("does not let another account posing as the queue count: only GitHub's merge-queue bot merges for the app", () => {
    const decision = decideRollback(input({ merge_queue: queued }, { mergedBy: "github-merge-queue" }));
    expect(decision.action).toBe("ignore");
  });
});
