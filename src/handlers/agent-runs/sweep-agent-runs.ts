import { durationMs } from "../../config/index.js";
import { agentRunComment, runLink, staleRunReason } from "../../core/agent-runs/index.js";
import { isStale, staleComment } from "../../core/progress/index.js";
import { applyTransition, getEntry, listEntries, type QueueEntry } from "../../core/queue/index.js";
import { lastTaskActivity } from "../dashboard/task-activity.js";
import { commitQueueChange, QueueRefusedError } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";
import { mirrorStatus, readQueue } from "../task-state.js";
import { agentRunOf, recordDispatchedRun } from "./record-agent-run.js";

/** A re-run whose backoff has passed, made unless GitHub shows it made (the run's attempt caught up). */
async function rerunIfDue(ctx: ConfiguredContext, entry: QueueEntry, now: Date): Promise<void> {
  const recorded = agentRunOf(entry);
  if (ctx.config.paused || !recorded?.retry_at || Date.parse(recorded.retry_at) > now.getTime()) return;
  const run = await ctx.github.getWorkflowRun(recorded.id);
  if (run.status !== "completed" || run.attempt >= recorded.attempt) return;
  await ctx.github.rerunWorkflowRun(recorded.id);
  ctx.log.info(
    { task: entry.id, run: recorded.id, attempt: recorded.attempt },
    "sweep: agent run re-run after its backoff",
  );
}

/** Moves a stale task to needs_owner unless it moved since it was read; resolves with the entry after. */
async function handOverStale(ctx: ConfiguredContext, entry: QueueEntry, reason: string, login: string, now: Date) {
  const { entry: after, changed } = await commitQueueChange(ctx, ctx.config, {
    taskId: entry.id,
    note: "agent run stale",
    apply: (doc) => {
      const current = getEntry(doc, entry.id);
      if (current?.status !== "in_progress" || current.history.length !== entry.history.length) {
        return { ok: true, changed: false, doc, entry: current ?? entry };
      }
      return applyTransition(doc, {
        taskId: entry.id,
        to: "needs_owner",
        actor: login,
        reason,
        delivery: null,
        at: now.toISOString(),
      });
    },
  });
  return changed ? after : undefined;
}

/**
 * What a failed job may have left undone after a start (a 5xx or a rate limit between the dispatch
 * and the record): the run found and recorded when the queue has none, and its link on the PR
 * (one sticky comment: no write when it is there). A start GitHub refused has no run to find.
 */
async function repairRunRecord(ctx: ConfiguredContext, entry: QueueEntry, login: string): Promise<void> {
  const { dispatch } = ctx.config;
  if (dispatch.target !== "workflow_dispatch" || entry.pr === null || !entry.dispatched_at || entry.start_refused)
    return;
  const recorded = agentRunOf(entry);
  if (!recorded) {
    await recordDispatchedRun(ctx, { taskId: entry.id, pr: entry.pr, startedAt: entry.dispatched_at }, undefined);
    return;
  }
  const target = { issueNumber: entry.pr, key: "agent-run", author: login };
  if (await ctx.github.findSticky(target)) return;
  const body = agentRunComment(entry.id, recorded, dispatch.workflow);
  await ctx.github.upsertSticky({ ...target, body, known: null });
}

/**
 * The sweep's look at the agent's runs: re-runs whose backoff has passed are made, and an
 * in-progress task whose run shows no progress for `dispatch.stale_after` (no push, no comment such
 * as a heartbeat, no status change) moves to needs_owner, with the run's link on the PR and the
 * stale sweeper's comment on the issue: long before the general `stale_after` would.
 */
export async function sweepAgentRuns(ctx: ConfiguredContext, login: string, now: Date): Promise<string[]> {
  const { dispatch } = ctx.config;
  if (dispatch.target !== "workflow_dispatch") return [];
  const staleAfterMs = durationMs(dispatch.stale_after);
  const moved: string[] = [];
  for (const entry of listEntries(await readQueue(ctx, ctx.config))) {
    const recorded = agentRunOf(entry);
    if (entry.status === "in_progress") await repairRunRecord(ctx, entry, login);
    if (entry.status !== "in_progress" || !recorded) continue;
    await rerunIfDue(ctx, entry, now);
    const lastActivity = await lastTaskActivity(ctx, entry, now, staleAfterMs);
    if (lastActivity === undefined || !isStale(lastActivity, now, staleAfterMs)) continue;
    const reason = staleRunReason(lastActivity, dispatch.stale_after, recorded);
    try {
      const after = await handOverStale(ctx, entry, reason, login, now);
      if (!after) continue;
      const move = after.history[after.history.length - 1];
      if (move) {
        const body = staleComment(after, move, ctx.config.labels);
        await ctx.github.upsertSticky({ issueNumber: entry.issue, key: "stale", author: login, body });
      }
      if (entry.pr !== null) {
        const body = `**${entry.id}**: the agent's ${runLink(recorded)} shows no progress (no push, no comment) for \`${dispatch.stale_after}\` (\`dispatch.stale_after\`). The task moved to \`needs_owner\`; the owner decides on the issue.`;
        await ctx.github.upsertSticky({ issueNumber: entry.pr, key: "agent-run-stale", author: login, body });
      }
      await mirrorStatus(ctx, ctx.config, after, "needs_owner");
      ctx.log.info({ task: entry.id, run: recorded.id }, "agent run stale: handed to the owner");
      moved.push(entry.id);
    } catch (error) {
      if (!(error instanceof QueueRefusedError)) throw error;
      ctx.log.info({ task: entry.id, reason: error.message }, "stale agent run: the task moved meanwhile");
    }
  }
  return moved;
}
