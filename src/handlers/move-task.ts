import { applyTransition, type QueueEntry, type QueueStatus } from "../core/queue/index.js";
import { commitQueueChange } from "./queue-commit.js";
import type { ConfiguredContext } from "./repo-context.js";
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
}

/**
 * Moves a task in the queue (one commit to the default branch) and mirrors the move as labels on
 * its issue and PR. A move the queue refuses throws `QueueRefusedError`, and no label changes.
 * Resolves with the task's entry as committed.
 */
export async function moveTask(ctx: ConfiguredContext, entry: QueueEntry, move: TaskMove): Promise<QueueEntry> {
  const { entry: moved } = await commitQueueChange(ctx, ctx.config, {
    taskId: entry.id,
    ...(move.note === undefined ? {} : { note: move.note }),
    apply: (doc) =>
      applyTransition(doc, {
        taskId: entry.id,
        to: move.to,
        actor: move.actor,
        reason: move.reason,
        delivery: ctx.delivery,
        at: new Date().toISOString(),
      }),
  });
  await mirrorStatus(ctx, ctx.config, entry, move.to, move.knownLabels);
  return moved;
}
