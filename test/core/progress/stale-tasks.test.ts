import { describe, expect, it } from "vitest";
import {
  isStale,
  isStaleHeld,
  latestTime,
  staleComment,
  staleMoveReason,
  stuckTasks,
} from "../../../src/core/progress/index.js";
import { entryFor } from "../queue/queue-fixtures.js";
import { queueOf } from "./progress-fixtures.js";

const hour = 3_600_000;

describe("stale tasks", () => {
  it("is stale only once stale_after has fully passed since the last activity", () => {
    const last = latestTime(["2025-06-01T08:00:00Z", undefined, "not a time", new Date("2025-06-01T10:00:00Z")]);
    expect(last?.toISOString()).toBe("2025-06-01T10:00:00.000Z");
    expect(isStale(last, new Date("2025-06-03T09:59:59Z"), 48 * hour)).toBe(false);
    expect(isStale(last, new Date("2025-06-03T10:00:00Z"), 48 * hour)).toBe(true);
    expect(isStale(undefined, new Date("2030-01-01T00:00:00Z"), hour)).toBe(false);
  });

  it("counts as stuck only the tasks the sweeper moved and nobody picked up", () => {
    const reason = staleMoveReason(new Date("2025-06-01T10:00:00Z"), "48h");
    expect(reason).toBe("stale: no activity since 2025-06-01 10:00 UTC (stale_after: 48h)");
    const swept = entryFor(2, ["queued", "in_progress", "needs_owner"]);
    swept.history[2]!.reason = reason;
    const asked = entryFor(3, ["queued", "needs_owner"]);
    const resumed = entryFor(4, ["queued", "in_progress", "needs_owner", "in_progress"]);
    resumed.history[2]!.reason = reason;
    const queue = queueOf(swept, asked, resumed);
    expect(stuckTasks(queue)).toEqual(["T-2"]);
    expect(isStaleHeld(swept)).toBe(true);
    expect(isStaleHeld(resumed)).toBe(false);
  });

  it("writes the comment from the recorded move, so posting it again gives the same text", () => {
    const move = {
      reason: "stale: no activity since 2025-06-01 10:00 UTC (stale_after: 48h)",
      at: "2025-06-03T10:05:00Z",
    };
    const text = staleComment({ id: "T-2", branch: "autopilot/T-2-x" }, move, { in_progress: "autopilot:in-progress" });
    expect(text).toContain("**T-2 looks stale**: no activity since 2025-06-01 10:00 UTC (stale_after: 48h).");
    expect(text).toContain("No push to `autopilot/T-2-x`");
    expect(text).toContain("on 2025-06-03 10:05 UTC");
    expect(text).toContain("`autopilot:in-progress`");
    expect(staleComment({ id: "T-2", branch: "autopilot/T-2-x" }, move, { in_progress: "autopilot:in-progress" })).toBe(
      text,
    );
  });
});
