import { reviewAnswerMove, type Decision, type DecisionsDocument } from "../../core/commands/index.js";
import { inlineText } from "../../core/markdown-text.js";
import type { QueueEntry } from "../../core/queue/index.js";
import { convertToDraft } from "../convert-to-draft.js";
import { moveTask } from "../move-task.js";
import { QueueRefusedError } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";
import { refreshQuestionsComment } from "./ask-owner.js";

const outcomeText = {
  review:
    "goes back to `review`: the merge policy decides (a failed review check still holds the merge until a new push or `/review` passes).",
  in_progress:
    "goes back to `in_progress` and its pull request to draft: the agent keeps working and marks it ready again.",
  blocked: "is `blocked` until someone comments `/unblock`.",
} as const;

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
  if (move.to === "in_progress" && entry.pr !== null) {
    const pull = await ctx.github.getPull(entry.pr);
    await convertToDraft(ctx, pull);
  }
  try {
    await moveTask(ctx, entry, { to: move.to, actor: input.by, reason, note: `${decision.id} answered` });
  } catch (error) {
    if (!(error instanceof QueueRefusedError)) throw error;
    refused = error.message;
  }
  const thread =
    decision.asked_in.pr !== undefined
      ? { pr: decision.asked_in.pr }
      : { issue: decision.asked_in.issue ?? entry.issue };
  await refreshQuestionsComment(ctx, { taskId: entry.id, kind: "review", thread, actor: input.actor, doc: input.doc });
  if (refused !== undefined) return `**${entry.id}** was not moved: ${inlineText(refused)}.`;
  const note = move.note && move.to === "in_progress" ? ` For the agent: ${inlineText(move.note, 1000)}` : "";
  return `**${entry.id}** ${outcomeText[move.to as keyof typeof outcomeText] ?? `moves to \`${move.to}\`.`}${note}`;
}
