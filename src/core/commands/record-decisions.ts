import { inlineCode } from "../task/markdown-code.js";
import { canonicalDecision, decisionSchema, questionIdFor, questionIdPattern } from "./decisions.js";
import type { Decision, DecisionAnswer, DecisionWithdrawal } from "./decisions.js";
import { listDecisions } from "./parse-decisions.js";
import type { DecisionItem, DecisionsDocument } from "./parse-decisions.js";
import { formatTime } from "./status-reply.js";
import { describeIssues } from "../queue/queue-entry.js";

/** A question about to be asked; `id` only when the caller already showed one in the comment. */
export type NewQuestion = Omit<Decision, "id" | "answer"> & { id?: string };

export type RecordQuestionResult =
  | { ok: true; doc: DecisionsDocument; decision: Decision; created: boolean }
  | { ok: false; reason: string };

export type RecordAnswerResult =
  | { ok: true; doc: DecisionsDocument; decision: Decision; changed: boolean }
  | { ok: false; reason: string };

const numberOf = (id: string): number => Number(id.slice(2));

/**
 * The id the next question gets: one more than the highest ever used, invalid lines included
 * (a broken line may still be the record of a question someone is about to answer).
 */
export function nextQuestionId(doc: DecisionsDocument): string {
  let highest = 0;
  for (const item of doc.items) {
    const id = item.kind === "decision" ? item.decision.id : /"id"\s*:\s*"(Q-[1-9]\d*)"/.exec(item.raw)?.[1];
    if (id !== undefined) highest = Math.max(highest, numberOf(id));
  }
  return questionIdFor(highest + 1);
}

/** A question still waiting for its answer: neither answered nor withdrawn. */
export const isOpen = (decision: Decision): boolean =>
  decision.answer === undefined && decision.withdrawn === undefined;

/** Questions without an answer, oldest first; only those of `task` when given. */
export const openQuestions = (doc: DecisionsDocument, task?: string): Decision[] =>
  listDecisions(doc).filter((decision) => isOpen(decision) && (task === undefined || decision.task === task));

/**
 * Appends a question. Asking again what is already open for the task (same kind and text) —
 * a webhook redelivered, a re-evaluation — returns the open one instead of a duplicate.
 */
export function recordQuestion(doc: DecisionsDocument, question: NewQuestion): RecordQuestionResult {
  const same = openQuestions(doc, question.task).find(
    (open) => open.kind === question.kind && open.question === question.question,
  );
  if (same) return { ok: true, doc, decision: same, created: false };
  const id = question.id ?? nextQuestionId(doc);
  if (!questionIdPattern.test(id)) return { ok: false, reason: `${inlineCode(id)} is not a question id like Q-3` };
  if (numberOf(id) < numberOf(nextQuestionId(doc))) {
    return { ok: false, reason: `${id} is already taken; the next free id is ${nextQuestionId(doc)}` };
  }
  const checked = decisionSchema.safeParse({ ...question, id });
  if (!checked.success) return { ok: false, reason: `the question is not valid: ${describeIssues(checked.error)}` };
  const decision = canonicalDecision({ ...question, id } as Decision);
  return { ok: true, doc: { items: [...doc.items, { kind: "decision", decision }] }, decision, created: true };
}

/**
 * Which question an `/answer` in a task's thread means: question `number` when given (it must
 * be that task's), else the task's only open one. Reasons are markdown that say what to write.
 */
export function resolveQuestion(
  doc: DecisionsDocument,
  input: { task: string; number?: number },
): { ok: true; decision: Decision } | { ok: false; reason: string } {
  if (input.number !== undefined) {
    const id = questionIdFor(input.number);
    const decision = listDecisions(doc).find((candidate) => candidate.id === id);
    if (!decision) return { ok: false, reason: `there is no question ${id}.` };
    if (decision.task !== input.task) {
      return {
        ok: false,
        reason: `${id} is about ${decision.task}, not ${input.task}; answer it in that task's thread.`,
      };
    }
    return { ok: true, decision };
  }
  const open = openQuestions(doc, input.task);
  const only = open[0];
  if (only === undefined) return { ok: false, reason: `${input.task} has no open question.` };
  if (open.length > 1) {
    const ids = open.map((decision) => decision.id).join(", ");
    return {
      ok: false,
      reason: `${input.task} has ${open.length} open questions (${ids}); say which, e.g. \`/answer ${numberOf(only.id)} <your answer>\`.`,
    };
  }
  return { ok: true, decision: only };
}

/**
 * Records the answer to question `id`. Idempotent by delivery (and by answering comment): the
 * same webhook delivered again changes nothing and succeeds. A question answered by another comment is refused, naming who
 * answered it and when, so a second answer never silently overrides the first.
 */
export function recordAnswer(doc: DecisionsDocument, id: string, answer: DecisionAnswer): RecordAnswerResult {
  const index = doc.items.findIndex((item) => item.kind === "decision" && item.decision.id === id);
  const item = doc.items[index];
  if (item?.kind !== "decision") return { ok: false, reason: `there is no question ${inlineCode(id, 20)}.` };
  const previous = item.decision.answer;
  if (previous === undefined && item.decision.withdrawn !== undefined) {
    return { ok: false, reason: `${id} no longer needs an answer: ${item.decision.withdrawn.reason}.` };
  }
  if (previous !== undefined) {
    const sameDelivery = answer.delivery !== null && previous.delivery === answer.delivery;
    const sameComment = answer.comment !== undefined && previous.comment === answer.comment;
    if (sameDelivery || sameComment) {
      return { ok: true, doc, decision: item.decision, changed: false };
    }
    return {
      ok: false,
      reason: `${id} was already answered by @${previous.by} at ${formatTime(previous.at)}: ${inlineCode(previous.text)}. The first answer stands; if it should change, say so to the owners in this thread.`,
    };
  }
  const checked = decisionSchema.shape.answer.safeParse(answer);
  if (!checked.success) return { ok: false, reason: `the answer is not valid: ${describeIssues(checked.error)}` };
  const decision = canonicalDecision({ ...item.decision, answer });
  const items: DecisionItem[] = doc.items.map((current, at) =>
    at === index ? { kind: "decision", decision } : current,
  );
  return { ok: true, doc: { items }, decision, changed: true };
}

/**
 * Marks an open question as no longer needing an answer (the owner fixed the spec by editing the
 * issue, a new review replaced the blocked one). Answered and already withdrawn questions stay as
 * they are, so the call is safe to repeat.
 */
export function withdrawQuestion(
  doc: DecisionsDocument,
  id: string,
  withdrawal: DecisionWithdrawal,
): DecisionsDocument {
  return {
    items: doc.items.map((item) =>
      item.kind === "decision" && item.decision.id === id && isOpen(item.decision)
        ? { kind: "decision", decision: canonicalDecision({ ...item.decision, withdrawn: withdrawal }) }
        : item,
    ),
  };
}
