import { reviewAnswerMove, type Decision, type DecisionsDocument } from "../../core/commands/index.js";
import { inlineText } from "../../core/markdown-text.js";
import { applyTransition, type QueueEntry } from "../../core/queue/index.js";
import { commitQueueChange, QueueRefusedError } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";
import { mirrorStatus } from "../task-state.js";
import { refreshQuestionsComment } from "./ask-owner.js";

const outcomeText = {
  review: "goes back to `review`: the merge policy decides (a failed review check still holds the merge until a new push or `/review` passes).",
  in_progress: "goes back to `in_progress` and its pull request to draft: the agent keeps working and marks it ready again.",
  blocked: "is `blocked` until someone comments `/unblock`.",
} as const;

/** The agent's pull request back to draft (GraphQL `convertPullRequestToDraft`); the agent marks it ready again. */
async function convertToDraft(ctx: ConfiguredContext, pullNumber: number): Promise<void> {
  const { data: pull } = await ctx.octokit.rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: pullNumber });
  if (pull.draft || pull.state !== "open") return;
  await ctx.octokit.graphql("mutation($id: ID!) { convertPullRequestToDraft(input: { pullRequestId: $id }) { pullRequest { isDraft } } }", { id: pull.node_id });
}

/**
 * Moves a task whose blocked review the owner answered: proceed → `review`, send back →
 * `in_progress` (the owner's words quoted for the agent in the reply), block → `blocked`; the
 * labels follow and the questions comment shows the answer. A move the queue refuses (the task
 * was moved meanwhile) is said, not forced. Resolves with the reply's markdown.
 */
export async function resumeAfterReviewAnswer(
  ctx: ConfiguredContext,
  input: { entry: QueueEntry; decision: Decision; text: string; by: string; doc: DecisionsDocument; actor: string },
): Promise<string> {
  const { entry, decision } = input;
  const move = reviewAnswerMove(input.text);
  const reason = `answer to ${decision.id} by @${input.by}${move.note ? `: ${move.note}` : ""}`;
  let refused: string | undefined;
  // a ready PR goes back to draft, or the merge flow would move the task straight back to review
  if (move.to === "in_progress" && entry.pr !== null) await convertToDraft(ctx, entry.pr);
  try {
    await commitQueueChange(ctx, ctx.config, {
      taskId: entry.id,
      note: `${decision.id} answered`,
      apply: (doc) => applyTransition(doc, { taskId: entry.id, to: move.to, actor: input.by, reason, delivery: ctx.delivery, at: new Date().toISOString() }),
    });
  } catch (error) {
    if (!(error instanceof QueueRefusedError)) throw error;
    refused = error.message;
  }
  if (refused === undefined) await mirrorStatus(ctx, ctx.config, entry, move.to);
  const thread = decision.asked_in.pr !== undefined ? { pr: decision.asked_in.pr } : { issue: decision.asked_in.issue ?? entry.issue };
  await refreshQuestionsComment(ctx, { taskId: entry.id, kind: "review", thread, actor: input.actor, doc: input.doc });
  if (refused !== undefined) return `**${entry.id}** was not moved: ${inlineText(refused)}.`;
  const note = move.note && move.to === "in_progress" ? ` For the agent: ${inlineText(move.note, 1000)}` : "";
  return `**${entry.id}** ${outcomeText[move.to as keyof typeof outcomeText] ?? `moves to \`${move.to}\`.`}${note}`;
}
