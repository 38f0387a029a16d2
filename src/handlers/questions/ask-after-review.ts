import { blockedReviewDraft } from "../../core/commands/index.js";
import { applyTransition, type QueueEntry } from "../../core/queue/index.js";
import type { ReviewOutcome } from "../../core/review/index.js";
import { QueueRefusedError } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";
import { findTask, mirrorStatus, readQueue } from "../task-state.js";
import { askOwner } from "./ask-owner.js";

/** Recorded as the actor of the move to `needs_owner`: the review workflow, not a person. */
const reviewActor = "autopilot/review";

/**
 * A newer review (of a new head, or run again) decided without the owner while the task waited on
 * a blocked review's question: the question is moot, so it is withdrawn and the task goes back to
 * `review`, where the merge policy judges the new verdict. Only a wait the review itself caused
 * is settled this way (a stale task or a merge question stays with the owner).
 */
async function settleAfterReview(
  ctx: ConfiguredContext,
  entry: QueueEntry,
  pullNumber: number,
  decision: string,
): Promise<void> {
  if (entry.status !== "needs_owner" || entry.history.at(-1)?.actor !== reviewActor) return;
  try {
    await askOwner(ctx, {
      taskId: entry.id,
      kind: "review",
      thread: { pr: pullNumber },
      questions: [],
      withdrawReason: `a newer review of #${pullNumber} decided ${decision} without the owner`,
      queue: (doc) =>
        applyTransition(doc, {
          taskId: entry.id,
          to: "review",
          actor: reviewActor,
          reason: `a newer review of #${pullNumber} decided ${decision}`,
          delivery: ctx.delivery,
          at: new Date().toISOString(),
        }),
    });
  } catch (error) {
    if (!(error instanceof QueueRefusedError)) throw error;
    ctx.log.warn(
      { task: entry.id, pr: pullNumber, reason: error.message },
      "newer review, but the task cannot go back to review",
    );
    return;
  }
  await mirrorStatus(ctx, ctx.config, entry, "review");
}

/**
 * A review whose final decision is `blocked` cannot be settled by the agent: it becomes an owner
 * question on the pull request (proceed, send back, block), the task moves to `needs_owner` in
 * the same commit and both threads get the label. Any other complete outcome settles an earlier
 * blocked review's question (above). A task the
 * queue will not move (done meanwhile) is logged and left alone.
 */
export async function askAfterReview(
  ctx: ConfiguredContext,
  input: { pullNumber: number; outcome: ReviewOutcome },
): Promise<void> {
  const { outcome } = input;
  if (outcome.status !== "complete") return;
  const entry = findTask(await readQueue(ctx, ctx.config), { pr: input.pullNumber });
  if (!entry) return;
  if (outcome.decision !== "blocked") {
    await settleAfterReview(ctx, entry, input.pullNumber, outcome.decision);
    return;
  }
  const draft = blockedReviewDraft({
    pr: input.pullNumber,
    taskId: entry.id,
    summary: outcome.summary,
    reasons: outcome.reasons,
    next_actions: outcome.next_actions,
    recommended_status: outcome.recommended_status,
  });
  try {
    await askOwner(ctx, {
      taskId: entry.id,
      kind: "review",
      thread: { pr: input.pullNumber },
      questions: [draft],
      queue: (doc) =>
        applyTransition(doc, {
          taskId: entry.id,
          to: "needs_owner",
          actor: reviewActor,
          reason: `review of #${input.pullNumber} blocked: an owner decides`,
          delivery: ctx.delivery,
          at: new Date().toISOString(),
        }),
      label: [
        { number: entry.issue, kind: "issue", labels: null },
        { number: input.pullNumber, kind: "pull", labels: null },
      ],
      withdrawReason: "a newer review replaced it",
    });
  } catch (error) {
    if (!(error instanceof QueueRefusedError)) throw error;
    ctx.log.warn(
      { task: entry.id, pr: input.pullNumber, reason: error.message },
      "review blocked, but the task cannot wait for the owner",
    );
  }
}
