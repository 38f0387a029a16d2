import { inlineText } from "../markdown-text.js";
import type { QueueStatus } from "../queue/queue-status.js";
import type { QuestionDraft } from "./question-drafts.js";

/** What a blocked review asks the owner, in the order the answers are numbered. */
export const reviewChoices = [
  {
    to: "review",
    words: ["proceed", "accept", "merge", "continue"],
    text: "proceed: what blocked the review is settled; the task goes back to `review` and the merge policy decides (a failed review check still holds the merge until a new push or `/review` passes)",
  },
  {
    to: "in_progress",
    words: ["send back", "reject", "rework", "retry", "agent"],
    text: "send back: the agent keeps working (`in_progress`); write what it needs after the number, e.g. `/answer 2 use the REST API`",
  },
  {
    to: "blocked",
    words: ["block", "hold", "stop"],
    text: "block: hold the task (`blocked`) until someone comments `/unblock`",
  },
] as const satisfies readonly { to: QueueStatus; words: readonly string[]; text: string }[];

export interface BlockedReview {
  pr: number;
  taskId: string;
  summary: string;
  reasons: readonly string[];
  next_actions: readonly string[];
  /** the deciding model's suggestion; only used to pick the recommendation */
  recommended_status: QueueStatus;
}

/**
 * The question a `blocked` review becomes: the models' summary and reasons (flattened and
 * escaped, since they may echo the pull request), three choices, and a recommendation. The
 * recommendation is to send the task back with the owner's answer, since "blocked" means the
 * reviewer needs something only the owner knows; when the model itself advised blocking, that.
 */
export function blockedReviewDraft(review: BlockedReview): QuestionDraft {
  const reasons = review.reasons.slice(0, 5).map((reason) => inlineText(reason, 200));
  const actions = review.next_actions.slice(0, 5).map((action) => inlineText(action, 200));
  const question = [
    `The review of #${review.pr} ended **blocked**: ${inlineText(review.summary, 400)}`,
    ...(reasons.length > 0 ? [`Reasons: ${reasons.join("; ")}.`] : []),
    ...(actions.length > 0 ? [`Suggested next steps: ${actions.join("; ")}.`] : []),
    `How should ${review.taskId} go on?`,
  ].join(" ");
  const recommendation =
    review.recommended_status === "blocked"
      ? "3 (block): the reviewer advised holding the task until a person acts."
      : "2 (send back) with what the agent needs: the reviewer could not go on without the owner's input.";
  return { question, options: reviewChoices.map((choice) => choice.text), recommendation };
}

export interface ReviewAnswerMove {
  to: QueueStatus;
  /** the owner's words for the agent, when the answer carried any */
  note?: string;
}

/**
 * How the task moves on an answer to a review question: the choice's number (`2`, `2: add the
 * tests`) or a word of it (`proceed`, `reject`, `block`); any other text is an instruction for
 * the agent, so the task goes back to it (the safe default: nothing merges on free text).
 */
export function reviewAnswerMove(text: string): ReviewAnswerMove {
  const trimmed = text.trim();
  const numbered = /^([1-9])(?![\d])[\s:.)-]*([\s\S]*)$/.exec(trimmed);
  const index = numbered ? Number(numbered[1]) - 1 : -1;
  const byNumber = reviewChoices[index];
  if (numbered && byNumber) {
    const note = (numbered[2] ?? "").trim();
    return { to: byNumber.to, ...(note ? { note } : {}) };
  }
  const lower = trimmed.toLowerCase();
  const byWord = reviewChoices.find((choice) =>
    choice.words.some((word) => lower === word || lower.startsWith(`${word}:`) || lower.startsWith(`${word} `)),
  );
  if (byWord) {
    const word = byWord.words.find((candidate) => lower.startsWith(candidate)) ?? "";
    const note = trimmed
      .slice(word.length)
      .replace(/^[\s:.-]+/, "")
      .trim();
    return { to: byWord.to, ...(note ? { note } : {}) };
  }
  return { to: "in_progress", note: trimmed };
}
