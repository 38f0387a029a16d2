import { cellText } from "../progress/progress-format.js";
import type { ItemProgress, PhaseProgress, PlanProgress } from "./plan-progress.js";
import { percent } from "./plan-progress.js";

/** Statuses as the outline and PROGRESS.md say them. */
export const statusWords: Record<ItemProgress["status"] | PhaseProgress["status"], string> = {
  done: "done",
  in_progress: "in progress",
  blocked: "blocked",
  queued: "queued",
  open: "no task yet",
  not_started: "not started",
};

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? "" : "s"}`;

/** `1 of 4 work items done (25%)` */
export const itemsDoneText = (done: number, total: number): string =>
  `${done} of ${plural(total, "work item")} done (${percent(done, total)}%)`;

/** `Widgets v1: 1 of 4 work items done (25%), 0 of 2 phases done.` (the plan's title escaped) */
export function planSummary(progress: PlanProgress): string {
  const title = progress.plan.title === undefined ? "" : `${cellText(progress.plan.title)}: `;
  const phases = `${progress.phasesDone} of ${plural(progress.phases.length, "phase")} done`;
  return `${title}${itemsDoneText(progress.done, progress.total)}, ${phases}.`;
}
