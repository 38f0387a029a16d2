import type { PlannedEntry } from "../../core/dispatch/index.js";
import type { QueueDocument, TransitionResult } from "../../core/queue/index.js";
import { addTask, applyTransition, getEntry } from "../../core/queue/index.js";
import { putEntry } from "../../core/queue/queue-document.js";

/** Spec fields a dispatch may refresh on an existing entry (status and history move through transitions). */
const refreshable = [
  "title",
  "branch",
  "pr",
  "scope",
  "forbidden",
  "budget",
  "risk",
  "mode",
  "refs",
  "item",
  "acceptance",
  "tests",
] as const;

/**
 * Adds the planned task, or moves the existing one to the planned status with its spec fields
 * refreshed from the plan: the owner may have completed or narrowed the spec since (`record`: the
 * change is written in the history even when the status stays).
 */
export function upsertTask(
  doc: QueueDocument,
  planned: PlannedEntry,
  event: { actor: string; reason: string; delivery: string | null; at: string; record?: boolean },
): TransitionResult {
  const existing = getEntry(doc, planned.id);
  if (!existing) return addTask(doc, planned, event);
  const patch: Record<string, unknown> = {};
  for (const key of refreshable) {
    const value = planned[key];
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(existing[key])) patch[key] = value;
  }
  // a budget or work item the owner took out of the spec leaves the entry too (a patch can only
  // set fields): the task file is rendered without it, and the gates compare the two
  const removed = (["budget", "item"] as const).filter(
    (key) => existing[key] !== undefined && planned[key] === undefined,
  );
  if (removed.length > 0 && planned.scope.length > 0) {
    const rest: Record<string, unknown> = { ...existing };
    for (const key of removed) delete rest[key];
    const result = applyTransition(putEntry(doc, rest as typeof existing), {
      taskId: planned.id,
      to: planned.status,
      ...event,
      patch,
    });
    return result.ok && !result.changed ? { ...result, changed: true } : result;
  }
  return applyTransition(doc, { taskId: planned.id, to: planned.status, ...event, patch });
}
