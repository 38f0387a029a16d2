import {
  applyTransition,
  getEntry,
  type QueueDocument,
  type RollbackRecord,
  type TransitionResult,
} from "../queue/index.js";

export interface RollbackMove {
  taskId: string;
  record: RollbackRecord;
  actor: string;
  delivery: string | null;
}

/**
 * The rollback in the queue, before the revert is opened: the task `done → blocked` with the
 * rollback recorded, in one write. A task that carries a rollback already is left as it is
 * (`changed: false`), so of two deliveries or two replicas only the one whose commit made the
 * change opens the revert.
 */
export function recordRollback(doc: QueueDocument, move: RollbackMove): TransitionResult {
  const entry = getEntry(doc, move.taskId);
  if (entry?.rollback) return { ok: true, changed: false, doc, entry };
  const reason = `${move.record.check} failed on the merge ${move.record.merge_sha.slice(0, 7)} of #${move.record.pr}: rolled back`;
  return applyTransition(doc, {
    taskId: move.taskId,
    to: "blocked",
    cause: "rollback",
    actor: move.actor,
    reason,
    delivery: move.delivery,
    at: move.record.at,
    patch: { rollback: move.record },
  });
}

/** The revert pull request recorded on the task's rollback (a same-status patch, no history item). */
export function recordRevertPull(
  doc: QueueDocument,
  taskId: string,
  revertPr: number,
  actor: string,
): TransitionResult {
  const entry = getEntry(doc, taskId);
  if (!entry?.rollback) return { ok: false, reason: `${taskId} has no rollback to record a revert on` };
  if (entry.rollback.revert_pr === revertPr) return { ok: true, changed: false, doc, entry };
  return applyTransition(doc, {
    taskId,
    to: entry.status,
    actor,
    reason: `revert #${revertPr} opened`,
    delivery: null,
    at: entry.rollback.at,
    patch: { rollback: { ...entry.rollback, revert_pr: revertPr } },
  });
}
