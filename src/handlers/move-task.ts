import { applyTransition, getEntry, type QueueEntry, type QueueStatus } from "../core/queue/index.js";
import { commitQueueChange, QueueRefusedError } from "./queue-commit.js";
import type { MirroredLabels } from "../github/index.js";
import { WorkQueueClosedError } from "../work/index.js";
import type { ConfiguredContext, RepoContext } from "./repo-context.js";
import { mirrorStatus } from "./task-state.js";

export interface TaskMove {
  to: QueueStatus;
  /** recorded in the task's history: a person's login, the app's, or a workflow (`autopilot/review`) */
  actor: string;
  reason: string;
  /** what the commit says beyond the move, e.g. "Q-3 answered" */
  note?: string;
  /** labels already known (from the webhook payload), by issue or PR number; the others are read */
  knownLabels?: ReadonlyMap<number, readonly string[]>;
  /** the caller is the merge evaluation itself and decides on the moved task next: none is queued */
  evaluating?: boolean;
  /** the task's issue left the repository (transferred, deleted): its labels are not mirrored there */
  issueGone?: boolean;
}

/** The statuses in which an evaluation of the task's PR can act (mark it ready, update it, merge it). */
const mergeable = new Set<QueueStatus>(["in_progress", "review"]);

/**
 * After the app's own move of a task with a PR: its merge is evaluated by the mover (queued here,
 * or decided next by the evaluation that moved it), since the move may let it go on; a move to any
 * other status leaves the evaluation nothing to do. The state labels' events this move sets off
 * are then noted as this instance's own (see `OwnLabelChanges`): they ask no evaluation of their own.
 */
export function evaluateAfterOwnMove(
  ctx: RepoContext,
  pullNumber: number | null,
  status: QueueStatus,
  mirrored: readonly MirroredLabels[],
  /** the caller decides on the moved task itself, or no evaluation can act on it (a draft it just opened) */
  covered: boolean,
): void {
  if (pullNumber === null) return;
  if (mergeable.has(status) && !covered) {
    try {
      // a context of its own: the evaluation reads the configuration as it is when it runs, not this delivery's copy
      ctx.services.merges.request({ ...ctx, delivery: null }, pullNumber);
    } catch (error) {
      // shutting down: nothing is noted, so the labels' events are evaluated by whichever instance receives them
      if (error instanceof WorkQueueClosedError) return;
      throw error;
    }
  }
  const change = mirrored.find((item) => item.number === pullNumber);
  if (change) ctx.services.merges.noteOwnLabels(ctx, pullNumber, change);
}

/**
 * Moves a task in the queue (one commit to the state branch) and mirrors the move as labels on
 * its issue and PR, the commit's first attempt sent in the labels' own request (one request for
 * the two). A move the queue refuses throws `QueueRefusedError`: when it was refused before
 * anything was sent, no label changes; when the carried commit lost a race (another writer moved
 * the queue first) and the queue then refused the move, the labels already changed are put back to
 * the status the queue holds. A move to a status where its PR may merge queues an evaluation of
 * that PR (`evaluateAfterOwnMove`). Resolves with the task's entry as committed.
 */
export async function moveTask(ctx: ConfiguredContext, entry: QueueEntry, move: TaskMove): Promise<QueueEntry> {
  const mirroredEntry = { ...entry, issueGone: move.issueGone === true };
  let mirrored: MirroredLabels[] | undefined;
  /** the task as the last attempt found it in the queue (the status a refused move leaves) */
  let found: QueueEntry | undefined;
  let moved: QueueEntry;
  try {
    ({ entry: moved } = await commitQueueChange(ctx, ctx.config, {
      taskId: entry.id,
      ...(move.note === undefined ? {} : { note: move.note }),
      apply: (doc) => {
        found = getEntry(doc, entry.id);
        return applyTransition(doc, {
          taskId: entry.id,
          to: move.to,
          actor: move.actor,
          reason: move.reason,
          delivery: ctx.delivery,
          at: new Date().toISOString(),
        });
      },
      // a refused label is thrown once the commit is recorded, as when the labels came after it
      carry: async (commit) => {
        mirrored = await mirrorStatus(ctx, ctx.config, mirroredEntry, move.to, move.knownLabels, commit);
      },
    }));
  } catch (error) {
    if (error instanceof QueueRefusedError && mirrored !== undefined && found !== undefined) {
      // the labels went out with a commit GitHub refused as stale, and the queue as it is now
      // refuses the move: the labels show the task's status again, not a move that never happened
      ctx.log.info({ task: entry.id, status: found.status }, "move refused after its labels: labels put back");
      await mirrorStatus(ctx, ctx.config, { ...found, issueGone: move.issueGone === true }, found.status);
    }
    throw error;
  }
  // nothing to commit (a redelivery, or the move made already): the labels in a request of their own
  mirrored ??= await mirrorStatus(ctx, ctx.config, mirroredEntry, move.to, move.knownLabels);
  evaluateAfterOwnMove(ctx, moved.pr ?? entry.pr, move.to, mirrored, move.evaluating === true);
  return moved;
}
