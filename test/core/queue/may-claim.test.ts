import { describe, expect, it } from "vitest";
import { addTask, applyTransition, getEntry, mayClaim, parseQueue } from "../../../src/core/queue/index.js";

const at = "2026-11-21T10:00:00Z";
const base = () => {
  const added = addTask(
    parseQueue("").doc,
    {
      id: "T-3",
      issue: 3,
      title: "Widgets",
      status: "in_progress",
      branch: "autopilot/T-3-widgets",
      pr: 4,
      scope: ["src/**"],
      forbidden: [],
      risk: "low",
      mode: "full",
      refs: [],
    },
    { actor: "autopilot[bot]", reason: "spec complete", delivery: "d1", at },
  );
  if (!added.ok) throw new Error(added.reason);
  return added.doc;
};

describe("mayClaim", () => {
  it("lets exactly one of two writers that saw dispatched_at unset claim the agent's start", () => {
    let doc = base();
    const claims: boolean[] = [];
    // two replicas decided on the same read (unset); their CAS commits apply one after the other
    for (const startedAt of ["2026-11-21T10:01:00.000Z", "2026-11-21T10:01:00.000Z"]) {
      const claim = mayClaim(getEntry(doc, "T-3"), "dispatched_at", null);
      claims.push(claim);
      const moved = applyTransition(doc, {
        taskId: "T-3",
        to: "in_progress",
        actor: "autopilot[bot]",
        reason: "agent started",
        delivery: "d2",
        at,
        patch: claim ? { dispatched_at: startedAt } : {},
      });
      if (!moved.ok) throw new Error(moved.reason);
      doc = moved.doc;
    }
    expect(claims).toEqual([true, false]);
  });

  it("claims a restart only while the start seen is still the one recorded", () => {
    const moved = applyTransition(base(), {
      taskId: "T-3",
      to: "in_progress",
      actor: "a",
      reason: "r",
      delivery: "d",
      at,
      patch: { dispatched_at: at },
    });
    if (!moved.ok) throw new Error(moved.reason);
    const entry = getEntry(moved.doc, "T-3");
    expect(mayClaim(entry, "dispatched_at", at)).toBe(true);
    expect(mayClaim(entry, "dispatched_at", "2026-11-21T09:00:00Z")).toBe(false);
    expect(mayClaim(entry, "dispatched_at", null)).toBe(false);
    expect(mayClaim(undefined, "dispatched_at", null)).toBe(false);
  });
});

describe("applyTransition with record", () => {
  it("writes a same-status history item for a change, and none for a replay", () => {
    const event = {
      taskId: "T-3",
      to: "in_progress" as const,
      actor: "mona",
      reason: "spec changed by @mona: risk low → medium",
      delivery: "d9",
      at,
      record: true,
      patch: { risk: "medium" as const },
    };
    const first = applyTransition(base(), event);
    if (!first.ok) throw new Error(first.reason);
    expect(first.entry.history.at(-1)).toEqual({
      from: "in_progress",
      to: "in_progress",
      actor: "mona",
      reason: event.reason,
      delivery: "d9",
      at,
    });
    const again = applyTransition(first.doc, event);
    expect(again).toMatchObject({ ok: true, changed: false });
  });
});
