import { durationMs } from "../../config/index.js";
import { isStale, isStaleMove, staleComment, staleMoveReason } from "../../core/progress/index.js";
import {
  applyTransition,
  getEntry,
  listEntries,
  type QueueDocument,
  type QueueEntry,
  type TransitionResult,
} from "../../core/queue/index.js";
import { commitQueueChange, QueueRefusedError } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";
import { mirrorStatus, readQueue } from "../task-state.js";
import { lastTaskActivity } from "./task-activity.js";

const lastMove = (entry: QueueEntry) => entry.history[entry.history.length - 1];

/** The move, unless the task moved since it was judged stale (another replica, a person): then nothing. */
function moveIfUnchanged(doc: QueueDocument, judged: QueueEntry, move: () => TransitionResult): TransitionResult {
  const current = getEntry(doc, judged.id);
  if (current === undefined || current.status !== "in_progress" || lastMove(current)?.at !== lastMove(judged)?.at) {
    return { ok: true, changed: false, doc, entry: current ?? judged };
  }
  return move();
}

/** The comment that says why the task moved, written from the queue's record: the same text every time. */
async function ensureStaleComment(ctx: ConfiguredContext, entry: QueueEntry, login: string): Promise<void> {
  const move = lastMove(entry);
  if (!move) return;
  const body = staleComment(entry, move, ctx.config.labels);
  await ctx.github.upsertSticky({ issueNumber: entry.issue, key: "stale", author: login, body });
}

/**
 * In-progress tasks with no activity for `stale_after` move to needs_owner (one queue commit
 * each) with a comment on the issue. Runs from every sweep with the sweep's clock. A task
 * already moved is not moved again, and its comment is only re-posted if missing (a crash
 * between the commit and the comment), so a second sweep changes nothing. Resolves with the
 * ids of the tasks it moved.
 */
export async function sweepStaleTasks(ctx: ConfiguredContext, login: string, now: Date): Promise<string[]> {
  const { config } = ctx;
  const staleAfterMs = durationMs(config.stale_after);
  const moved: string[] = [];
  for (const entry of listEntries(await readQueue(ctx, config))) {
    if (entry.status === "needs_owner" && isStaleMove(lastMove(entry))) await ensureStaleComment(ctx, entry, login);
    if (entry.status !== "in_progress") continue;
    const lastActivity = await lastTaskActivity(ctx, entry, now, staleAfterMs);
    if (lastActivity === undefined || !isStale(lastActivity, now, staleAfterMs)) continue;
    const reason = staleMoveReason(lastActivity, config.stale_after);
    try {
      const { entry: after, changed } = await commitQueueChange(ctx, config, {
        taskId: entry.id,
        note: "no activity",
        apply: (doc) =>
          moveIfUnchanged(doc, entry, () =>
            applyTransition(doc, {
              taskId: entry.id,
              to: "needs_owner",
              actor: login,
              reason,
              delivery: null,
              at: now.toISOString(),
            }),
          ),
      });
      if (!changed) continue; // the task moved meanwhile: it is not stale any more
      await ensureStaleComment(ctx, after, login);
      await mirrorStatus(ctx, config, after, "needs_owner");
      ctx.log.info({ task: entry.id, lastActivity: lastActivity.toISOString() }, "stale task handed to the owner");
      moved.push(entry.id);
    } catch (error) {
      if (!(error instanceof QueueRefusedError)) throw error;
      ctx.log.info({ task: entry.id, reason: error.message }, "stale task moved elsewhere meanwhile; left as it is");
    }
  }
  return moved;
}
