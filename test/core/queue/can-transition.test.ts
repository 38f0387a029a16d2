import { describe, expect, it } from "vitest";
import { canTransition, queueStatuses } from "../../../src/core/queue/index.js";
import type { QueueStatus } from "../../../src/core/queue/index.js";

const allowed: Array<[QueueStatus, QueueStatus]> = [
  ["queued", "in_progress"],
  ["queued", "blocked"],
  ["queued", "needs_owner"],
  ["in_progress", "review"],
  ["in_progress", "blocked"],
  ["in_progress", "needs_owner"],
  ["review", "done"],
  ["review", "in_progress"],
  ["review", "blocked"],
  ["review", "needs_owner"],
  ["blocked", "queued"],
  ["blocked", "in_progress"],
  ["blocked", "review"],
  ["blocked", "needs_owner"],
  ["needs_owner", "queued"],
  ["needs_owner", "in_progress"],
  ["needs_owner", "review"],
  ["needs_owner", "blocked"],
];
const isAllowed = (from: QueueStatus, to: QueueStatus) => allowed.some(([f, t]) => f === from && t === to);
const refused = queueStatuses.flatMap((from) =>
  queueStatuses.filter((to) => !isAllowed(from, to)).map((to): [QueueStatus, QueueStatus] => [from, to]),
);

describe("canTransition", () => {
  it.each(allowed)("allows %s → %s", (from, to) => {
    expect(canTransition(from, to)).toEqual({ ok: true });
  });

  it.each(refused)("refuses %s → %s with a reason naming both statuses", (from, to) => {
    const verdict = canTransition(from, to);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.reason).toContain(from);
    expect(verdict.reason).toContain(to);
  });

  it("covers all 36 pairs between the two tables", () => {
    expect(allowed.length + refused.length).toBe(36);
  });

  it("says done is final", () => {
    expect(canTransition("done", "in_progress")).toEqual({
      ok: false,
      reason: "done is final; it cannot move to in_progress",
    });
  });

  it("lists where a status may go when the move is refused", () => {
    expect(canTransition("queued", "done")).toEqual({
      ok: false,
      reason: "queued can move only to in_progress, blocked or needs_owner, not to done",
    });
  });
});
