import { inlineCode } from "../task/markdown-code.js";
import type { Decision } from "./decisions.js";
import { listDecisions } from "./parse-decisions.js";
import type { DecisionsDocument } from "./parse-decisions.js";
import { isOpen } from "./record-decisions.js";

/**
 * Questions are numbered per thread (issue or pull request): the questions comment shows
 * "Question 2" and `/answer 2 …` names it, whatever global `Q-<n>` id the line has in
 * `ops/decisions.jsonl`. A number is never reused in a thread, so answering several questions
 * in one comment cannot shift the numbers under the owner's feet.
 */
export type Thread = { issue: number } | { pr: number };

export const inThread = (decision: Decision, thread: Thread): boolean =>
  "issue" in thread ? decision.asked_in.issue === thread.issue : decision.asked_in.pr === thread.pr;

/** Every question asked in the thread, in the order asked. */
export const threadQuestions = (doc: DecisionsDocument, thread: Thread): Decision[] =>
  listDecisions(doc).filter((decision) => inThread(decision, thread));

/** The number the thread shows for a question: the recorded one, else its place among the thread's questions. */
export function threadNumberOf(doc: DecisionsDocument, decision: Decision): number {
  if (decision.number !== undefined) return decision.number;
  const thread: Thread =
    decision.asked_in.pr !== undefined ? { pr: decision.asked_in.pr } : { issue: decision.asked_in.issue ?? 0 };
  return threadQuestions(doc, thread).findIndex((candidate) => candidate.id === decision.id) + 1;
}

/** One more than the highest number shown in the thread so far. */
export const nextThreadNumber = (doc: DecisionsDocument, thread: Thread): number =>
  Math.max(0, ...threadQuestions(doc, thread).map((decision) => threadNumberOf(doc, decision))) + 1;

/** `2 (risk)`: how a reply names a question. */
export const questionLabel = (doc: DecisionsDocument, decision: Decision): string =>
  `${threadNumberOf(doc, decision)} (${decision.field !== undefined ? inlineCode(decision.field, 40) : decision.kind})`;

const openList = (doc: DecisionsDocument, open: readonly Decision[]): string =>
  open.length === 0 ? "none is open" : `open: ${open.map((decision) => questionLabel(doc, decision)).join(", ")}`;

/**
 * Which question an `/answer` in a thread means: number `n` of the thread when given, else the
 * task's only open question there. Reasons are markdown replies that say what to write instead.
 */
export function resolveThreadQuestion(
  doc: DecisionsDocument,
  input: { task: string; thread: Thread; number?: number },
): { ok: true; decision: Decision } | { ok: false; reason: string } {
  const asked = threadQuestions(doc, input.thread).filter((decision) => decision.task === input.task);
  const open = asked.filter(isOpen);
  if (input.number !== undefined) {
    const decision = asked.find((candidate) => threadNumberOf(doc, candidate) === input.number);
    if (decision) return { ok: true, decision };
    return { ok: false, reason: `there is no question ${input.number} in this thread (${openList(doc, open)}).` };
  }
  const only = open[0];
  if (only === undefined) return { ok: false, reason: `${input.task} has no open question in this thread.` };
  if (open.length > 1) {
    return {
      ok: false,
      reason: `${input.task} has ${open.length} open questions here (${openList(doc, open)}); say which, e.g. \`/answer ${threadNumberOf(doc, only)} <your answer>\`.`,
    };
  }
  return { ok: true, decision: only };
}
