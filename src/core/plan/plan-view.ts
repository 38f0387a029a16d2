import type { Crosswalk } from "../concordance/crosswalk-schema.js";
import type { QueueEntry } from "../queue/queue-entry.js";
import { parsePlan } from "./parse-plan.js";
import { planProgress, type PlanProgress } from "./plan-progress.js";
import { planPath } from "./plan-schema.js";

/** The plan as the records show it: none, unreadable (with every problem), or its progress. */
export type PlanView =
  | { kind: "absent"; path: string }
  | { kind: "invalid"; path: string; errors: string[] }
  | { kind: "ok"; path: string; progress: PlanProgress };

/**
 * Reads `ops/por.json` (the text on the default branch) and computes its progress from the queue
 * and the crosswalk.
 */
export function planView(
  text: string | undefined,
  entries: readonly QueueEntry[],
  crosswalk: Crosswalk,
  path: string = planPath,
): PlanView {
  const parsed = parsePlan(text, path);
  if (parsed.kind === "absent") return { kind: "absent", path };
  if (parsed.kind === "invalid") return { kind: "invalid", path, errors: parsed.errors };
  return { kind: "ok", path, progress: planProgress(parsed.plan, entries, crosswalk) };
}
