import { cellText, formatMinute, table } from "../progress/progress-format.js";
import type { DatedReadinessRow } from "./readiness-row.js";

const marks = { ok: "✅ ok", warn: "⚠️ warn", fail: "❌ fail" } as const;

/**
 * The dashboard's readiness section: whether Autopilot is on for new tasks, and the matrix (check,
 * principal, expected, result, since when). Every text passes `cellText`: check names and details
 * carry names from the configuration and from other apps' checks.
 */
export function renderReadiness(rows: readonly DatedReadinessRow[]): string[] {
  const failing = rows.filter((row) => row.result === "fail").length;
  const head =
    failing === 0
      ? "🟢 **Autopilot is on**: every critical readiness row passes."
      : `🔴 **Autopilot is off for new tasks**: ${failing} critical row(s) fail. New tasks are held (the issue says why) ` +
        "and dispatched once every row passes; tasks already running carry on.";
  const body = rows.map((row) => [
    cellText(row.check),
    row.principal,
    cellText(row.expected, 120),
    `${marks[row.result]}: ${cellText(row.detail, 300)}`,
    formatMinute(row.since),
  ]);
  return ["## Readiness", "", head, "", table(["Check", "Principal", "Expected", "Result", "Since"], body)];
}
