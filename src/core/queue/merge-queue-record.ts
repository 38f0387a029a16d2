import { applyTransition, type TransitionResult } from "./apply-transition.js";
import { getEntry, type QueueDocument } from "./queue-document.js";
import type { QueueEntry } from "./queue-entry.js";

/**
 * Where a head stands with the merge queue, as the queue file recorded it:
 * - `none`: Autopilot never put this head in the queue (or an owner judged it again since it left):
 *   it is judged as any head;
 * - `enqueued`: Autopilot put this head in the queue and has not seen it leave;
 * - `removed`: this head left the queue unmerged; Autopilot does not enqueue it again by itself.
 */
export type MergeQueueStanding = "none" | "enqueued" | "removed";

export function mergeQueueStanding(entry: QueueEntry, head: string): MergeQueueStanding {
  const record = entry.merge_queue;
  if (record === undefined || record.head !== head) return "none";
  const removed = record.removed;
  if (removed === undefined) return "enqueued";
  // an owner's answer "judge again" to the question the removal asked moves the task needs_owner → review
  const judgedAgain = entry.history.some(
    (item) => item.from === "needs_owner" && item.to === "review" && Date.parse(item.at) >= Date.parse(removed.at),
  );
  return judgedAgain ? "none" : "removed";
}

export interface EnqueuedMove {
  taskId: string;
  head: string;
  base: string;
  actor: string;
  delivery: string | null;
  at: string;
}

/** The head Autopilot put in the merge queue, on the task (a same-status patch); the same head again changes nothing. */
export function recordEnqueued(doc: QueueDocument, move: EnqueuedMove): TransitionResult {
  const entry = getEntry(doc, move.taskId);
  if (entry === undefined) return { ok: false, reason: `${move.taskId} is not in the queue` };
  const record = entry.merge_queue;
  if (record?.head === move.head && record.base === move.base && mergeQueueStanding(entry, move.head) === "enqueued")
    return { ok: true, changed: false, doc, entry };
  return applyTransition(doc, {
    taskId: move.taskId,
    to: entry.status,
    actor: move.actor,
    reason: `added to the merge queue of ${move.base} at ${move.head.slice(0, 7)}`,
    delivery: move.delivery,
    at: move.at,
    patch: { merge_queue: { head: move.head, base: move.base, at: move.at } },
  });
}

export interface RemovedMove {
  taskId: string;
  head: string;
  /** GitHub's dequeue reason as a webhook said it: wording only */
  reason: string | null;
  actor: string;
  at: string;
}

/** The enqueued head found out of the queue and not merged, recorded once (only for the head recorded enqueued). */
export function recordRemoved(doc: QueueDocument, move: RemovedMove): TransitionResult {
  const entry = getEntry(doc, move.taskId);
  if (entry === undefined) return { ok: false, reason: `${move.taskId} is not in the queue` };
  const record = entry.merge_queue;
  if (record === undefined || record.head !== move.head || record.removed !== undefined)
    return { ok: true, changed: false, doc, entry };
  return applyTransition(doc, {
    taskId: move.taskId,
    to: entry.status,
    actor: move.actor,
    reason: `left the merge queue of ${record.base} unmerged at ${move.head.slice(0, 7)}`,
    delivery: null,
    at: move.at,
    patch: { merge_queue: { ...record, removed: { reason: move.reason, at: move.at } } },
  });
}

/** GitHub's `pull_request.dequeued` reasons, in plain words. */
const dequeueWords: Readonly<Record<string, string>> = {
  MANUAL: "a person removed it from the merge queue",
  CI_FAILURE: "a required check failed on its merge group",
  CI_TIMEOUT: "the required checks did not report on its merge group in time",
  MERGE_CONFLICT: "its merge group conflicts with the base",
  ALREADY_MERGED: "GitHub says it was merged already",
  QUEUE_CLEARED: "the merge queue was cleared",
  ROLL_BACK: "the merge queue was rolled back",
  BRANCH_PROTECTIONS: "the branch's protection rules no longer let it merge",
  GIT_TREE_INVALID: "GitHub could not build its merge group (invalid git tree)",
  INVALID_MERGE_COMMIT: "GitHub could not build its merge commit",
  UNKNOWN_REMOVAL_REASON: "GitHub removed it from the merge queue (often after a push to its branch)",
};

/** Why a PR left the merge queue, in words for the owner; `reason` is the webhook's word, untrusted, so only words. */
export function dequeueReasonText(reason: string | null | undefined): string {
  if (reason === null || reason === undefined)
    return "it left the merge queue without being merged (GitHub did not say why)";
  return dequeueWords[reason] ?? "it left the merge queue without being merged";
}
