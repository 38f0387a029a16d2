import {
  failedRunComment,
  failedRunReason,
  handOverComment,
  logTail,
  runLink,
  type AgentRunView,
  type RunFollowUp,
} from "../../core/agent-runs/index.js";
import { applyTransition, type QueueEntry } from "../../core/queue/index.js";
import { isNotFound, statusOf } from "../../github/index.js";
import { commitQueueChange } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";
import { mirrorStatus } from "../task-state.js";
import { commitAgentRun } from "./record-agent-run.js";

/** The failed job's log, its end; none when GitHub no longer has it (expired, deleted: 404/410). */
async function readLogTail(ctx: ConfiguredContext, run: AgentRunView) {
  try {
    const read = await ctx.github.failedJobLog(run.id, 64_000);
    if (!read) return undefined;
    const { text, redactions } = logTail(read.log);
    return { job: read.job, tail: text, redactions };
  } catch (error) {
    if (isNotFound(error) || statusOf(error) === 410) return undefined;
    throw error;
  }
}

/**
 * A failed attempt of the agent's run: reported on the PR (what failed, the redacted end of its
 * log, fenced), then re-run (recorded first, so a redelivery does not re-run it twice; due now,
 * or after the backoff by the sweep) or, with no re-run left, handed to the owner: `needs_owner`,
 * labels, and a comment on the issue.
 */
export async function reportFailedRun(
  ctx: ConfiguredContext,
  input: { entry: QueueEntry; run: AgentRunView; decision: Exclude<RunFollowUp, { kind: "none" }>; login: string },
): Promise<void> {
  const { entry, run, decision, login } = input;
  const now = ctx.services.now();
  const log = await readLogTail(ctx, run);
  const attempt = { url: run.url, attempt: run.attempt };
  const conclusion = String(run.conclusion);
  const next =
    decision.kind === "retry"
      ? { kind: "retry" as const, at: decision.at, immediate: decision.at <= now, retriesLeft: decision.retriesLeft }
      : { kind: "hand_over" as const };
  const body = failedRunComment({ taskId: entry.id, run: attempt, conclusion, ...(log ? { log } : {}), next });
  if (entry.pr !== null) {
    const key = `agent-run-failed-${run.id}-${run.attempt}`;
    await ctx.github.upsertSticky({ issueNumber: entry.pr, key, author: login, body });
  }
  if (decision.kind === "retry") {
    const retryAt = decision.at.toISOString();
    await commitAgentRun(ctx, {
      taskId: entry.id,
      actor: login,
      reason: `agent ${runLink(attempt)} ended ${conclusion}: re-run ${next.kind === "retry" && next.immediate ? "now" : `at ${retryAt}`}`,
      run: { id: run.id, url: run.url, attempt: decision.nextAttempt, conclusion: null, retry_at: retryAt },
    });
    // while paused nothing starts: the sweep after `/resume` makes the re-run
    if (decision.at <= now && !ctx.config.paused) await ctx.github.rerunWorkflowRun(run.id);
    ctx.log.info({ task: entry.id, run: run.id, attempt: decision.nextAttempt }, "agent run failed: re-run");
    return;
  }
  const reason = failedRunReason(attempt, conclusion);
  const { entry: after } = await commitQueueChange(ctx, ctx.config, {
    taskId: entry.id,
    note: "agent run failed",
    apply: (doc) =>
      applyTransition(doc, {
        taskId: entry.id,
        to: "needs_owner",
        actor: login,
        reason,
        delivery: ctx.delivery,
        at: now.toISOString(),
        patch: { agent_run: { id: run.id, url: run.url, attempt: run.attempt, conclusion } } as Partial<QueueEntry>,
      }),
  });
  await mirrorStatus(ctx, ctx.config, after, "needs_owner");
  const cause = `the agent's run ended \`${conclusion}\` on attempt ${run.attempt}`;
  const handOver = handOverComment(entry.id, attempt, cause, ctx.config.owners, ctx.config.labels);
  await ctx.github.upsertSticky({ issueNumber: entry.issue, key: "agent-run-owner", author: login, body: handOver });
  ctx.log.info({ task: entry.id, run: run.id, conclusion }, "agent run failed for good: handed to the owner");
}
