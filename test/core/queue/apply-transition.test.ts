import { describe, expect, it } from "vitest";
import { applyTransition, getEntry, parseQueue, queueStatuses, serializeQueue } from "../../../src/core/queue/index.js";
import type { QueueDocument, QueueStatus, TransitionEvent } from "../../../src/core/queue/index.js";
import { fileOf, lineFor } from "./queue-fixtures.js";

/** A path from creation to each status, so every move can start from a realistic history. */
const pathTo: Record<QueueStatus, QueueStatus[]> = {
  queued: ["queued"],
  in_progress: ["queued", "in_progress"],
  review: ["queued", "in_progress", "review"],
  done: ["queued", "in_progress", "review", "done"],
  blocked: ["queued", "in_progress", "blocked"],
  needs_owner: ["queued", "in_progress", "needs_owner"],
};

const docWith = (...lines: string[]): QueueDocument => {
  const { doc, errors } = parseQueue(fileOf(...lines));
  expect(errors).toEqual([]);
  return doc;
};

const event = (overrides: Partial<TransitionEvent> = {}): TransitionEvent => ({
  taskId: "T-4",
  to: "in_progress",
  actor: "autopilot[bot]",
  reason: "dispatched to the coding agent",
  delivery: "72a1c3d0-0001",
  at: "2025-06-01T12:00:00.000Z",
  ...overrides,
});

const moves = queueStatuses.flatMap((from) =>
  queueStatuses.filter((to) => to !== from).map((to) => [from, to] as const),
);
const allowedMoves = new Set([
  "queued>in_progress",
  "queued>blocked",
  "queued>needs_owner",
  "in_progress>review",
  "in_progress>blocked",
  "in_progress>needs_owner",
  "review>done",
  "review>in_progress",
  "review>blocked",
  "review>needs_owner",
  "blocked>queued",
  "blocked>in_progress",
  "blocked>review",
  "blocked>needs_owner",
  "needs_owner>queued",
  "needs_owner>in_progress",
  "needs_owner>review",
  "needs_owner>blocked",
]);

describe("applyTransition: every move", () => {
  it.each(moves.filter(([from, to]) => allowedMoves.has(`${from}>${to}`)))(
    "records %s → %s in the history and the status",
    (from, to) => {
      const doc = docWith(lineFor(4, pathTo[from]));
      const result = applyTransition(doc, event({ to, reason: `why ${to}` }));
      expect(result).toMatchObject({ ok: true, changed: true });
      if (!result.ok) return;
      expect(result.entry.status).toBe(to);
      expect(result.entry.history.at(-1)).toEqual({
        from,
        to,
        actor: "autopilot[bot]",
        reason: `why ${to}`,
        delivery: "72a1c3d0-0001",
        at: "2025-06-01T12:00:00.000Z",
      });
      expect(result.entry.history).toHaveLength(pathTo[from].length + 1);
      expect(getEntry(result.doc, "T-4")).toEqual(result.entry);
    },
  );

  it.each(moves.filter(([from, to]) => !allowedMoves.has(`${from}>${to}`)))(
    "refuses %s → %s naming the task and both statuses",
    (from, to) => {
      const doc = docWith(lineFor(4, pathTo[from]));
      const result = applyTransition(doc, event({ to }));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.reason).toMatch(new RegExp(`^T-4 is ${from}; .*\\b${to}\\b`));
    },
  );

  it("explains that done is final", () => {
    const result = applyTransition(docWith(lineFor(4, pathTo.done)), event({ to: "review" }));
    expect(result).toEqual({ ok: false, reason: "T-4 is done; done is final; it cannot move to review" });
  });

  it("refuses a task that is not in the queue", () => {
    expect(applyTransition(docWith(lineFor(4)), event({ taskId: "T-5" }))).toEqual({
      ok: false,
      reason: "T-5 is not in the queue",
    });
  });

  it("refuses a status that does not exist", () => {
    const result = applyTransition(docWith(lineFor(4)), event({ to: "paused" as QueueStatus }));
    expect(result).toEqual({
      ok: false,
      reason: "paused is not a queue status; use one of queued, in_progress, review, done, blocked, needs_owner",
    });
  });

  it("refuses an event that would write an invalid history item", () => {
    const result = applyTransition(docWith(lineFor(4)), event({ at: "last tuesday" }));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.reason).toMatch(/^T-4: moving to in_progress would write an invalid entry: history\[1\]\.at: /);
  });
});

describe("applyTransition: idempotency", () => {
  it("is a no-op when the same delivery is applied twice, with no second history item", () => {
    const doc = docWith(lineFor(4));
    const first = applyTransition(doc, event());
    if (!first.ok) throw new Error(first.reason);
    const second = applyTransition(first.doc, event());
    expect(second).toMatchObject({ ok: true, changed: false });
    if (!second.ok) return;
    expect(second.doc).toBe(first.doc);
    expect(second.entry.history).toHaveLength(2);
  });

  it("applies a later patch of the delivery that made the move, once, without a history item", () => {
    const moved = applyTransition(docWith(lineFor(4)), event());
    if (!moved.ok) throw new Error(moved.reason);
    const patched = applyTransition(moved.doc, event({ patch: { pr: 12 } }));
    expect(patched).toMatchObject({ ok: true, changed: true, entry: { pr: 12, status: "in_progress" } });
    if (!patched.ok) return;
    expect(patched.entry.history).toHaveLength(2);
    expect(applyTransition(patched.doc, event({ patch: { pr: 12 } }))).toMatchObject({ ok: true, changed: false });
  });

  it("does not regress a task when an old delivery is redelivered after later moves", () => {
    const doc = docWith(lineFor(4));
    const dispatched = applyTransition(doc, event());
    if (!dispatched.ok) throw new Error(dispatched.reason);
    const reviewed = applyTransition(
      dispatched.doc,
      event({ to: "review", delivery: "72a1c3d0-0002", at: "2025-06-01T13:00:00.000Z" }),
    );
    if (!reviewed.ok) throw new Error(reviewed.reason);
    const backToReview = applyTransition(
      reviewed.doc,
      event({ to: "in_progress", delivery: "72a1c3d0-0003", at: "2025-06-01T14:00:00.000Z" }),
    );
    if (!backToReview.ok) throw new Error(backToReview.reason);
    const again = applyTransition(backToReview.doc, event({ to: "review", delivery: "72a1c3d0-0002" }));
    expect(again).toMatchObject({ ok: true, changed: false });
  });

  it("is a no-op to move a task to the status it already has, even with a new delivery", () => {
    const doc = docWith(lineFor(4, pathTo.review));
    const result = applyTransition(doc, event({ to: "review", delivery: "another" }));
    expect(result).toMatchObject({ ok: true, changed: false });
    if (result.ok) expect(serializeQueue(result.doc)).toBe(serializeQueue(doc));
  });

  it("treats done → done as a no-op rather than a refusal", () => {
    expect(applyTransition(docWith(lineFor(4, pathTo.done)), event({ to: "done" }))).toMatchObject({
      ok: true,
      changed: false,
    });
  });

  it("applies a null delivery every time it is a real move (CLI moves have no delivery)", () => {
    const doc = docWith(lineFor(4, pathTo.blocked));
    const queued = applyTransition(doc, event({ to: "queued", delivery: null, actor: "cli" }));
    if (!queued.ok) throw new Error(queued.reason);
    const blocked = applyTransition(queued.doc, event({ to: "blocked", delivery: null, actor: "cli" }));
    expect(blocked).toMatchObject({ ok: true, changed: true });
  });
});

describe("applyTransition: patch", () => {
  it("sets pr and branch in the same write as the move", () => {
    const result = applyTransition(docWith(lineFor(4)), event({ patch: { pr: 42, branch: "autopilot/T-4-widgets" } }));
    expect(result).toMatchObject({
      ok: true,
      changed: true,
      entry: { status: "in_progress", pr: 42, branch: "autopilot/T-4-widgets" },
    });
  });

  it("applies a patch without a history item when the status stays", () => {
    const doc = docWith(lineFor(4, pathTo.in_progress, { pr: null }));
    const result = applyTransition(doc, event({ to: "in_progress", delivery: "new", patch: { pr: 7 } }));
    expect(result).toMatchObject({ ok: true, changed: true, entry: { pr: 7 } });
    if (result.ok) expect(result.entry.history).toHaveLength(2);
  });

  it("ignores undefined patch values and reports no change when the patch changes nothing", () => {
    const doc = docWith(lineFor(4, pathTo.in_progress));
    const result = applyTransition(
      doc,
      event({ to: "in_progress", delivery: "new", patch: { pr: 104, title: undefined } }),
    );
    expect(result).toMatchObject({ ok: true, changed: false, entry: { title: "Task 4" } });
  });

  it.each(["id", "history", "status"] as const)("refuses a patch that sets %s", (field) => {
    const patch = { id: "T-5", history: [], status: "done" }[field];
    const result = applyTransition(docWith(lineFor(4)), event({ patch: { [field]: patch } }));
    expect(result).toEqual({
      ok: false,
      reason: `T-4: a transition may not patch ${field}; status changes through \`to\` and history is written by the queue`,
    });
  });

  it("refuses a patch that would make the entry invalid, saying which field", () => {
    const result = applyTransition(docWith(lineFor(4)), event({ patch: { pr: -1 } }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^T-4: moving to in_progress would write an invalid entry: pr: /);
  });

  it("refuses a patch of issue, which would break the id", () => {
    const result = applyTransition(docWith(lineFor(4)), event({ patch: { issue: 5 } }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain("issue 5 means T-5, not T-4");
  });
});

describe("applyTransition: the rest of the file", () => {
  it("never mutates the document it was given", () => {
    const doc = docWith(lineFor(4), lineFor(9));
    const before = serializeQueue(doc);
    const result = applyTransition(doc, event({ patch: { pr: 3 } }));
    expect(result.ok).toBe(true);
    expect(serializeQueue(doc)).toBe(before);
  });

  it("changes only the moved task's line and keeps unknown fields on it", () => {
    const withExtra = lineFor(4).replace(/}$/, ',"estimate":"2d"}');
    const doc = docWith(lineFor(2), withExtra, lineFor(9));
    const result = applyTransition(doc, event());
    if (!result.ok) throw new Error(result.reason);
    const [two, four, nine] = serializeQueue(result.doc).split("\n");
    expect(two).toBe(lineFor(2));
    expect(nine).toBe(lineFor(9));
    expect(JSON.parse(four as string).estimate).toBe("2d");
    expect(Object.keys(JSON.parse(four as string)).at(-1)).toBe("estimate");
  });

  it("gives identical bytes for the same event on the same base, as two replicas would", () => {
    const doc = docWith(lineFor(4), lineFor(9));
    const a = applyTransition(doc, event());
    const b = applyTransition(doc, event());
    if (!a.ok || !b.ok) throw new Error("refused");
    expect(serializeQueue(a.doc)).toBe(serializeQueue(b.doc));
  });
});
