import { codeSpan, inlineText } from "../markdown-text.js";
import type { QuestionDraft } from "./question-drafts.js";

/** What an owner may decide about a merge Autopilot cannot make, in the order the answers are numbered. */
export const mergeChoices = [
  {
    choice: "judge_again",
    words: ["fixed", "judge again", "again", "changed"],
    text: "I fixed it on the branch (or changed the rule): judge the pull request again; the task goes back to `review` (`in_progress` while the pull request is a draft) and Autopilot evaluates the merge at once",
  },
  {
    choice: "send_back",
    words: ["send back", "agent", "resolve", "rework"],
    text: "send it back to the agent to resolve: the task goes back to `in_progress` and the pull request to draft; write what it needs after the number, e.g. `/answer 2 merge main and keep both changes`",
  },
  {
    choice: "block",
    words: ["block", "hold", "stop"],
    text: "block: hold the task (`blocked`) until someone comments `/unblock`",
  },
] as const;

export type MergeChoice = (typeof mergeChoices)[number]["choice"];

/**
 * Why Autopilot cannot merge: the PR conflicts with its base, GitHub refused the merge (`push_access`:
 * because the base's protection does not let the app push), or the merge policy gave another reason.
 */
export type MergeStopCause =
  | { kind: "conflict" }
  | { kind: "refused"; message: string }
  | { kind: "push_access"; message: string }
  | { kind: "other"; reason: string };

export interface MergeStop {
  pr: number;
  taskId: string;
  /** the head the merge was judged on: a new head is a new question */
  headSha: string;
  /** the pull request's base branch */
  base: string;
  cause: MergeStopCause;
}

/** The question's first sentence: what stops the merge (GitHub's words escaped, since anyone's rule text may echo there). */
export function mergeStopText(stop: MergeStop): string {
  const at = `Autopilot cannot merge #${stop.pr} at \`${stop.headSha.slice(0, 7)}\`:`;
  switch (stop.cause.kind) {
    case "conflict":
      return `${at} it conflicts with ${codeSpan(stop.base, 100)} (GitHub reports that it does not merge cleanly).`;
    case "refused":
      return `${at} GitHub refused the merge with "${inlineText(stop.cause.message, 300)}" (a branch protection rule or another repository setting).`;
    case "push_access":
      return (
        `${at} GitHub refused the merge with "${inlineText(stop.cause.message, 300)}": the protection of ` +
        `${codeSpan(stop.base, 100)} lets only the people, teams and apps listed under "Restrict who can push to ` +
        "matching branches\" push or merge into it, and Autopilot's app is not listed."
      );
    case "other":
      return `${at} ${inlineText(stop.cause.reason, 300)}.`;
  }
}

/** What each kind of stop recommends: the agent can settle a conflict; only an owner can settle a rule. */
function recommendationFor(stop: MergeStop): string {
  switch (stop.cause.kind) {
    case "conflict":
      return `2 (send back): the agent can merge ${codeSpan(stop.base, 100)} into its branch and resolve the conflict; choose 1 once you have resolved it yourself.`;
    case "refused":
      return "1 (judge again) once the rule is satisfied or changed: the agent cannot change the repository's rules; choose 2 when its commits are what the rule refuses (unsigned commits, say).";
    case "push_access":
      return (
        `merge #${stop.pr} yourself if you may push to ${codeSpan(stop.base, 100)} (Autopilot finishes the task ` +
        "when GitHub reports the merge, and withdraws this question), or add Autopilot's app to that list in the " +
        `branch's protection settings and choose 1 (judge again). Sending it back (2) cannot help: no commit changes who may push.`
      );
    case "other":
      return "1 (judge again) once you have settled what stops the merge; choose 2 when the agent can settle it.";
  }
}

const askSuffix = (taskId: string): string => ` How should ${taskId} go on?`;

/**
 * The question a merge Autopilot cannot make becomes: what stops it, three choices and a
 * recommendation. A conflict is the agent's to resolve (it merges the base into its branch), so
 * sending it back is recommended; a refusal names a rule of the repository, which only an owner
 * can satisfy or change, so judging again after fixing it is; a base the app may not push to is
 * merged by a person who may, or opened to the app. The text names the head, so the
 * same stop on the same head is the same question (asked once), and a new head asks anew.
 */
export function mergeQuestionDraft(stop: MergeStop): QuestionDraft {
  return {
    question: `${mergeStopText(stop)}${askSuffix(stop.taskId)}`,
    options: mergeChoices.map((choice) => choice.text),
    recommendation: recommendationFor(stop),
  };
}

/** The stop sentence of a recorded merge question (the question without its closing ask). */
export function mergeStopOf(question: string, taskId: string): string {
  const suffix = askSuffix(taskId);
  return question.endsWith(suffix) ? question.slice(0, -suffix.length) : question;
}

export interface MergeAnswerMove {
  choice: MergeChoice;
  /** the owner's words for the agent, when the answer carried any */
  note?: string;
}

/**
 * What an answer to a merge question chooses: the choice's number (`2`, `2: keep both`) or a
 * word of it (`fixed`, `agent`, `block`); any other text is an instruction for the agent, so the
 * task goes back to it (the safe default: nothing merges on free text).
 */
export function mergeAnswerMove(text: string): MergeAnswerMove {
  const trimmed = text.trim();
  const numbered = /^([1-9])(?!\d)[\s:.)-]*([\s\S]*)$/.exec(trimmed);
  const byNumber = numbered ? mergeChoices[Number(numbered[1]) - 1] : undefined;
  if (numbered && byNumber) {
    const note = (numbered[2] ?? "").trim();
    return { choice: byNumber.choice, ...(note ? { note } : {}) };
  }
  const lower = trimmed.toLowerCase();
  for (const candidate of mergeChoices) {
    const word = candidate.words.find(
      (item) => lower === item || lower.startsWith(`${item}:`) || lower.startsWith(`${item} `),
    );
    if (word === undefined) continue;
    const note = trimmed
      .slice(word.length)
      .replace(/^[\s:.-]+/, "")
      .trim();
    return { choice: candidate.choice, ...(note ? { note } : {}) };
  }
  return { choice: "send_back", note: trimmed };
}

export interface MergeSendBack {
  taskId: string;
  /** the stop sentence, as the question said it */
  stop: string;
  /** who answered */
  by: string;
  note?: string;
  /** `@handle` when the agent is dispatched by mention: the notice is its call back to work */
  mention?: string;
  /** how the agent was started again, for the reader */
  redispatch: string;
}

/** The comment that sends a task whose merge is stuck back to its agent: what stops it, the owner's words, what to do. */
export function renderMergeSendBack(input: MergeSendBack): string {
  const lead = [
    ...(input.mention ? [input.mention] : []),
    `${input.stop} The owner ${inlineText(input.by, 40)} sent ${input.taskId} back to the agent: the task is back in progress and this pull request is a draft again.`,
    "Bring the branch up to date with its base and resolve what stops the merge, push, then mark the pull request ready for review; the gates and the review run again on the new head.",
  ].join(" ");
  return [
    lead,
    ...(input.note ? ["", `> ${inlineText(input.note, 1000)}`] : []),
    "",
    `<sub>${inlineText(input.redispatch)}.</sub>`,
  ].join("\n");
}

/**
 * The queue history's reason for a move an owner's answer made. A send back names the head it
 * sent back, so the merge handler does not mark that same head ready again (see `sentBackAt`).
 */
export const mergeAnswerReason = (input: {
  questionId: string;
  by: string;
  choice: MergeChoice;
  headSha: string;
}): string =>
  `answer to ${input.questionId} by @${input.by}: ${input.choice.replace("_", " ")}${input.choice === "send_back" ? ` (head ${input.headSha.slice(0, 7)})` : ""}`;

/** Whether an answer to this question was already acted on (a redelivered `/answer`). */
export const answeredInHistory = (history: readonly { reason: string }[], questionId: string): boolean =>
  history.some((item) => item.reason.startsWith(`answer to ${questionId} by @`));

/**
 * Whether the task's last move was an owner sending this very head back to the agent: the merge
 * handler then leaves the draft to the agent instead of marking it ready again, until a new push.
 */
export function sentBackAt(history: readonly { to: string; reason: string }[], headSha: string): boolean {
  const last = history[history.length - 1];
  return (
    last !== undefined &&
    last.to === "in_progress" &&
    /^answer to Q-\d+ by @/.test(last.reason) &&
    last.reason.endsWith(`: send back (head ${headSha.slice(0, 7)})`)
  );
}
