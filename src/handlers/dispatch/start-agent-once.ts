import { dispatchFingerprint } from "../../core/dispatch/index.js";
import { applyTransition, getEntry, mayClaim, type QueueStatus } from "../../core/queue/index.js";
import { statusOf } from "../../github/index.js";
import { commitQueueChange } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";
import { classifyStartError, reportStartRefused } from "./report-start-refused.js";
import { recordDispatchedRun } from "../agent-runs/record-agent-run.js";
import { startAgent, type AgentStart, type AgentTask } from "./start-agent.js";

/** The queue's record of this start: who, which delivery, the task's status, and the `dispatched_at` it set. */
export interface StartRecord {
  actor: string;
  delivery: string | null;
  status: QueueStatus;
  startedAt: string;
}

/**
 * Starts the coding agent once its start is recorded in the queue (`dispatched_at`, committed by
 * the caller first): were the record to come after the start and fail (a crash, a rate limit),
 * the next reconcile would start a second agent on the same branch.
 *
 * When GitHub answers the start with a rate limit (or a passing 4xx), nothing was started: the
 * record is cleared (`dispatched_at: null`) so the next reconcile starts it. When it refuses with a
 * 4xx that will not heal by itself (404, 422, a 403 that is no rate limit: a missing workflow, no
 * `workflow_dispatch` trigger, inputs that do not fit), the record stays and the refusal is added
 * to the task's history, so no reconcile retries it; the PR and the issue say once what to fix,
 * and an owner's `/retry` on the issue starts it again. When the outcome is unknown (a 5xx, no
 * answer at all) the agent may have started: nothing is retried (the workflow dispatch is sent
 * once, past Octokit's retry plugin too), and the PR says so, for an owner's `/retry` on the issue.
 */
export async function startAgentOnce(ctx: ConfiguredContext, task: AgentTask, record: StartRecord): Promise<void> {
  const { config } = ctx;
  let started: AgentStart;
  try {
    started = await startAgent(ctx, config, task);
    ctx.log.info({ task: task.taskId, pr: task.pr }, `agent: ${started.said}`);
  } catch (error) {
    const outcome = classifyStartError(ctx, config, error);
    if (outcome.kind === "retry" && (await clearStart(ctx, task.taskId, record, error))) throw error;
    if (outcome.kind === "refused") {
      ctx.log.warn(
        { task: task.taskId, status: outcome.status },
        "agent start refused by GitHub; not retried until /retry",
      );
      await recordRefusal(ctx, task.taskId, record, outcome);
      await reportStartRefused(ctx, task, outcome, record.actor);
      return;
    }
    const why = error instanceof Error ? error.message : String(error);
    await ctx.github.upsertSticky({
      issueNumber: task.pr,
      key: "agent-start-failed",
      author: record.actor,
      body: `Autopilot could not start the coding agent for ${task.taskId}: ${why}\n\nNothing was retried, so that two agents never work on one branch. An owner's \`/retry\` on the issue starts it again.`,
    });
    throw error;
  }
  // the agent runs: following its run is no part of the start (an error here must not undo it)
  await recordDispatchedRun(ctx, { taskId: task.taskId, pr: task.pr, startedAt: record.startedAt }, started.run).catch(
    (err: unknown) => ctx.log.error({ err, task: task.taskId }, "agent: the run could not be recorded; not followed"),
  );
}

/** Adds the refusal to the task's history; `dispatched_at` stays, so no reconcile starts it again. */
async function recordRefusal(
  ctx: ConfiguredContext,
  taskId: string,
  record: StartRecord,
  refusal: { status: number; fix: string },
): Promise<void> {
  const { status, fix } = refusal;
  const at = new Date().toISOString();
  // the dashboard shows the fix; it is bounded like the schema's field
  const refused = { status, at, dispatch: dispatchFingerprint(ctx.config.dispatch), fix: fix.slice(0, 2000) };
  await commitQueueChange(ctx, ctx.config, {
    taskId,
    note: "agent start refused",
    apply: (doc) =>
      applyTransition(doc, {
        taskId,
        to: record.status,
        actor: record.actor,
        reason: `GitHub refused the agent's start (${status}); not retried until dispatch: changes or an owner's /retry (the fix is on the PR)`,
        delivery: record.delivery,
        at,
        // only this start's record carries the refusal: a later start (an owner's /retry) stays as it is
        patch: mayClaim(getEntry(doc, taskId), "dispatched_at", record.startedAt) ? { start_refused: refused } : {},
        record: true,
      }),
  });
}

/** Records that the agent was not started; false when even that could not be written. */
async function clearStart(
  ctx: ConfiguredContext,
  taskId: string,
  record: StartRecord,
  error: unknown,
): Promise<boolean> {
  try {
    await commitQueueChange(ctx, ctx.config, {
      taskId,
      note: "agent not started",
      // only this start's record is cleared: a later start (an owner's /retry) stays recorded
      apply: (doc) =>
        applyTransition(doc, {
          taskId,
          to: record.status,
          actor: record.actor,
          reason: `GitHub refused the agent's start (${statusOf(error)}); the next reconcile starts it`,
          delivery: record.delivery,
          at: new Date().toISOString(),
          patch: mayClaim(getEntry(doc, taskId), "dispatched_at", record.startedAt) ? { dispatched_at: null } : {},
        }),
    });
    return true;
  } catch {
    return false;
  }
}
