import {
  answeredInHistory,
  mergeAnswerMove,
  mergeAnswerReason,
  mergeStopOf,
  renderMergeSendBack,
  type Decision,
  type DecisionsDocument,
} from "../../core/commands/index.js";
import { inlineText } from "../../core/markdown-text.js";
import type { QueueEntry, QueueStatus } from "../../core/queue/index.js";
import { convertToDraft } from "../convert-to-draft.js";
import { noticeAgentOnce } from "../dispatch/notice-agent.js";
import { evaluateMerge, type MergeOutcome } from "../merge/evaluate-merge.js";
import { moveTask } from "../move-task.js";
import { QueueRefusedError } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";
import { refreshQuestionsComment } from "./ask-owner.js";

export interface MergeAnswer {
  entry: QueueEntry;
  decision: Decision;
  text: string;
  by: string;
  doc: DecisionsDocument;
  /** the app's bot login */
  actor: string;
}

/** The notice that sends the task back to its agent: one per question, so a redelivery posts and dispatches nothing. */
export const mergeSendBackKey = (questionId: string): string => `merge-sent-back-${questionId}`;

/** What the evaluation after "judge again" did, for the reply. */
function judged(entry: QueueEntry, pr: number, outcome: MergeOutcome): string {
  switch (outcome.action) {
    case "merged":
      return `Autopilot judged #${pr} again and merged it as ${outcome.sha.slice(0, 7)}.`;
    case "ask_owner":
      return `Autopilot judged #${pr} again and still cannot merge it: ${inlineText(outcome.reason)}. See the new question.`;
    case "wait":
      return `Autopilot judged #${pr} again; it waits: ${inlineText(outcome.reason)}.`;
    case "update_branch":
      return `Autopilot judged #${pr} again and brought it up to date with its base; it merges once the checks pass on the new head.`;
    case "mark_ready":
      return `Autopilot judged #${pr} again and marked it ready for review.`;
    case "never":
    case "skip":
      return `Autopilot judged #${pr} again and will not merge it: ${inlineText(outcome.reason)}.`;
    case "merge":
      return `Autopilot judged #${pr} again; **${entry.id}** is on its way to merging.`;
  }
}

/** The notice for the agent (once per question) and, for a `workflow_dispatch` agent, its new start. */
async function noticeAgent(
  ctx: ConfiguredContext,
  input: MergeAnswer,
  pr: number,
  note: string | undefined,
): Promise<void> {
  const { entry, decision } = input;
  await noticeAgentOnce(ctx, {
    entry,
    pr,
    key: mergeSendBackKey(decision.id),
    render: (address) =>
      renderMergeSendBack({
        taskId: entry.id,
        stop: mergeStopOf(decision.question, entry.id),
        by: input.by,
        ...(note ? { note } : {}),
        ...address,
      }),
  });
}

/**
 * Does what the owner chose for a merge Autopilot could not make:
 * 1. judge again → `review` (`in_progress` while the PR is a draft), and the merge is evaluated
 *    in this job: it merges, waits, or asks a new question if the stop is still there;
 * 2. send back (and any answer that is not a choice, quoted for the agent) → the PR to draft,
 *    `in_progress`, and a comment for the agent with what stops the merge and the owner's words
 *    (a `workflow_dispatch` agent is started again), as a rejected review does;
 * 3. block → `blocked`.
 * The move is recorded in the task's history with the question's id, so a redelivered answer
 * does nothing twice. A move the queue refuses is said, not forced. Resolves with the reply.
 */
export async function resumeAfterMergeAnswer(ctx: ConfiguredContext, input: MergeAnswer): Promise<string> {
  const { entry, decision } = input;
  const pr = decision.asked_in.pr ?? entry.pr;
  if (pr === undefined || pr === null) return `**${entry.id}** has no pull request to merge.`;
  const move = mergeAnswerMove(input.text);
  if (answeredInHistory(entry.history, decision.id))
    return `The answer was already acted on: **${entry.id}** is \`${entry.status}\`.`;
  const pull = await ctx.github.getPull(pr);
  const reason = mergeAnswerReason({
    questionId: decision.id,
    by: input.by,
    choice: move.choice,
    headSha: pull.head.sha,
  });
  const to: QueueStatus =
    move.choice === "block" ? "blocked" : move.choice === "send_back" || pull.draft ? "in_progress" : "review";
  if (move.choice === "send_back") await convertToDraft(ctx, pull);
  try {
    await moveTask(ctx, entry, { to, actor: input.by, reason, note: `${decision.id} answered` });
  } catch (error) {
    if (!(error instanceof QueueRefusedError)) throw error;
    await refreshQuestionsComment(ctx, {
      taskId: entry.id,
      kind: "merge",
      thread: { pr },
      actor: input.actor,
      doc: input.doc,
    });
    return `**${entry.id}** was not moved: ${inlineText(error.message)}.`;
  }
  await refreshQuestionsComment(ctx, {
    taskId: entry.id,
    kind: "merge",
    thread: { pr },
    actor: input.actor,
    doc: input.doc,
  });
  if (move.choice === "block") return `**${entry.id}** is \`blocked\` until someone comments \`/unblock\`.`;
  if (move.choice === "send_back") {
    await noticeAgent(ctx, input, pr, move.note);
    const note = move.note ? ` For the agent: ${inlineText(move.note, 1000)}` : "";
    return `**${entry.id}** goes back to \`in_progress\` and #${pr} to draft: the agent resolves what stops the merge and marks it ready again.${note}`;
  }
  return judged(entry, pr, await evaluateMerge(ctx, pr, input.actor));
}
