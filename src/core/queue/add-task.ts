import { checkEntry } from "./queue-entry.js";
import type { QueueEntry, QueueHistoryItem } from "./queue-entry.js";
import { getEntry, putEntry } from "./queue-document.js";
import type { QueueDocument } from "./queue-document.js";
import type { TransitionResult } from "./apply-transition.js";

export interface TaskCreation {
  actor: string;
  reason: string;
  delivery: string | null;
  at: string;
}

/**
 * Adds a task with a creation item (`from: null`) as its whole history. A redelivered webhook
 * (same delivery as the creation item) is a no-op; any other attempt to add an id that exists is
 * refused, because overwriting would erase the task's history.
 */
export function addTask(doc: QueueDocument, entry: Omit<QueueEntry, "history">, event: TaskCreation): TransitionResult {
  const taskId = String(entry.id);
  const existing = getEntry(doc, taskId);
  if (existing !== undefined) {
    const sameDelivery =
      event.delivery !== null &&
      existing.history.some((item) => item.from === null && item.delivery === event.delivery);
    if (sameDelivery) return { ok: true, changed: false, doc, entry: existing };
    return {
      ok: false,
      reason: `${taskId} is already in the queue (${existing.status}); move it with a transition instead`,
    };
  }

  // The type already excludes history; a caller passing one anyway must not forge the record.
  const fields = Object.fromEntries(Object.entries(entry).filter(([key]) => key !== "history"));
  const created: QueueHistoryItem = {
    from: null,
    to: entry.status,
    actor: event.actor,
    reason: event.reason,
    delivery: event.delivery,
    at: event.at,
  };
  const checked = checkEntry({ ...fields, history: [created] });
  if (!checked.ok) return { ok: false, reason: `${taskId} cannot be added: ${checked.message}` };
  return { ok: true, changed: true, doc: putEntry(doc, checked.entry), entry: checked.entry };
}
