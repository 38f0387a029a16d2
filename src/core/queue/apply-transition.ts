import { canTransition, type TransitionCause } from "./can-transition.js";
import { checkEntry, stringifyEntry } from "./queue-entry.js";
import type { QueueEntry, QueueHistoryItem } from "./queue-entry.js";
import { getEntry, putEntry } from "./queue-document.js";
import type { QueueDocument } from "./queue-document.js";
import { isQueueStatus, queueStatuses } from "./queue-status.js";
import type { QueueStatus } from "./queue-status.js";

export interface TransitionEvent {
  taskId: string;
  to: QueueStatus;
  actor: string;
  reason: string;
  /** X-GitHub-Delivery id; the idempotency key for webhook-driven moves. null for CLI and sweeps. */
  delivery: string | null;
  /** ISO time */
  at: string;
  /** fields set in the same write as the move, e.g. `pr` or `branch` */
  patch?: Partial<QueueEntry>;
  /**
   * A same-status event whose patch changes the entry is recorded in the history too (from = to):
   * a change of the recorded spec says who made it and what changed. A replay changes nothing, so
   * adds nothing.
   */
  record?: boolean;
  /** why the move is made, when that allows more (`rollback`: `done → blocked`) */
  cause?: TransitionCause;
}

export type TransitionResult =
  | { ok: true; changed: boolean; doc: QueueDocument; entry: QueueEntry }
  | { ok: false; reason: string };

/** Fields a patch must not touch: they are the task's identity and the record of its moves. */
const unpatchableFields = ["id", "history", "status"] as const;

const definedFields = (patch: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));

/**
 * Moves a task to another status, recording who, why, which delivery and when. Safe to apply
 * twice: a delivery already recorded for a move to the same status, or a move to the status the
 * task already has, adds no history item (and a replayed move from elsewhere changes nothing). A same-status event still applies
 * its patch (setting `pr` on a task that stays in_progress), without a history item.
 */
export function applyTransition(doc: QueueDocument, event: TransitionEvent): TransitionResult {
  const { taskId, to } = event;
  const entry = getEntry(doc, taskId);
  if (entry === undefined) return { ok: false, reason: `${taskId} is not in the queue` };
  if (!isQueueStatus(to)) {
    return { ok: false, reason: `${String(to)} is not a queue status; use one of ${queueStatuses.join(", ")}` };
  }
  const patch = definedFields(event.patch ?? {});
  const forbidden = unpatchableFields.filter((field) => Object.hasOwn(patch, field));
  if (forbidden.length > 0) {
    return {
      ok: false,
      reason:
        `${taskId}: a transition may not patch ${forbidden.join(", ")}; ` +
        "status changes through `to` and history is written by the queue",
    };
  }

  const from = entry.status;
  // A delivery that already moved the task to `to` is a replay: the move is not made again. Its
  // patch still applies while the task is in that status (one delivery may move a task, then record
  // what the move produced, such as the PR number, in a second write).
  const replayed =
    event.delivery !== null && entry.history.some((item) => item.delivery === event.delivery && item.to === to);
  if (replayed && from !== to) return { ok: true, changed: false, doc, entry };

  let candidate: Record<string, unknown>;
  if (from === to) {
    candidate = { ...entry, ...patch };
    const { actor, reason, delivery, at } = event;
    const changes = event.record === true && stringifyEntry(candidate as QueueEntry) !== stringifyEntry(entry);
    if (changes) candidate = { ...candidate, history: [...entry.history, { from, to, actor, reason, delivery, at }] };
  } else {
    const verdict = canTransition(from, to, event.cause);
    if (!verdict.ok) return { ok: false, reason: `${taskId} is ${from}; ${verdict.reason}` };
    const { actor, reason, delivery, at } = event;
    const item: QueueHistoryItem = { from, to, actor, reason, delivery, at };
    candidate = { ...entry, ...patch, status: to, history: [...entry.history, item] };
  }

  const checked = checkEntry(candidate);
  if (!checked.ok) {
    return { ok: false, reason: `${taskId}: moving to ${to} would write an invalid entry: ${checked.message}` };
  }
  if (stringifyEntry(checked.entry) === stringifyEntry(entry)) return { ok: true, changed: false, doc, entry };
  return { ok: true, changed: true, doc: putEntry(doc, checked.entry), entry: checked.entry };
}
