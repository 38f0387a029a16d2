import { cellText, table } from "../progress/progress-format.js";
import { percent } from "./plan-progress.js";
import { planSummary, statusWords } from "./plan-text.js";
import type { PlanView } from "./plan-view.js";

/** The plan's part of `docs/PROGRESS.md`: overall and one row per phase (the outline has the items). */
export function planProgressLines(view: PlanView): string[] {
  if (view.kind === "absent") return [];
  if (view.kind === "invalid") {
    const problems = `${view.errors.length} problem${view.errors.length === 1 ? "" : "s"}`;
    return ["## Plan", "", `\`${view.path}\` is not a valid plan (${problems}); the outline lists them.`, ""];
  }
  const { progress } = view;
  const rows = progress.phases.map((phase) => [
    phase.phase.id,
    cellText(phase.phase.title),
    `${phase.done} of ${phase.total}`,
    `${percent(phase.done, phase.total)}%`,
    statusWords[phase.status],
  ]);
  return [
    "## Plan",
    "",
    `${planSummary(progress)} Work item by work item: [OUTLINE.md](OUTLINE.md).`,
    "",
    table(["Phase", "Title", "Work items done", "Progress", "Status"], rows, Infinity),
    "",
  ];
}
