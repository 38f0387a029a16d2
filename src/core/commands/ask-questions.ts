import type { Decision, DecisionKind } from "./decisions.js";
import type { DecisionsDocument } from "./parse-decisions.js";
import type { QuestionDraft } from "./question-drafts.js";
import { isOpen, recordQuestion, withdrawQuestion } from "./record-decisions.js";
import { inThread, nextThreadNumber, threadQuestions } from "./thread-questions.js";
import type { Thread } from "./thread-questions.js";

export interface AskQuestionsInput {
  task: string;
  kind: DecisionKind;
  thread: Thread;
  /** everything that must be answered now; an empty list settles the task's questions of this kind */
  drafts: readonly QuestionDraft[];
  /** id of the comment that shows the questions */
  comment: number;
  at: string;
  /** why open questions no longer in `drafts` are withdrawn */
  withdrawReason: string;
}

export interface AskQuestionsResult {
  doc: DecisionsDocument;
  /** the questions asked, in the order of `drafts` (existing open ones reused) */
  asked: Decision[];
  /** ids of the questions this call added */
  created: string[];
  /** ids of the questions this call withdrew */
  withdrawn: string[];
}

/**
 * Records a workflow's current questions for a task: a question already open in the thread with
 * the same kind and text keeps its line, id and number (a redelivery or re-evaluation asks
 * nothing twice); a new one gets the next global id and the next number in the thread; an open
 * question of the same kind that is no longer asked is withdrawn. Throws on a draft the schema
 * refuses, which is a bug in the caller, not bad input.
 */
export function askQuestions(start: DecisionsDocument, input: AskQuestionsInput): AskQuestionsResult {
  let doc = start;
  const asked: Decision[] = [];
  const created: string[] = [];
  const sameKind = (decision: Decision) =>
    decision.task === input.task && decision.kind === input.kind && inThread(decision, input.thread);
  for (const draft of input.drafts) {
    const existing = threadQuestions(doc, input.thread).find(
      (decision) => sameKind(decision) && isOpen(decision) && decision.question === draft.question,
    );
    if (existing) {
      asked.push(existing);
      continue;
    }
    const where = "issue" in input.thread ? { issue: input.thread.issue } : { pr: input.thread.pr };
    const result = recordQuestion(doc, {
      task: input.task,
      kind: input.kind,
      question: draft.question,
      options: [...draft.options],
      recommendation: draft.recommendation,
      asked_at: input.at,
      asked_in: { ...where, comment: input.comment },
      number: nextThreadNumber(doc, input.thread),
      ...(draft.field !== undefined ? { field: draft.field } : {}),
    });
    if (!result.ok) throw new Error(`askQuestions: ${result.reason}`);
    doc = result.doc;
    asked.push(result.decision);
    if (result.created) created.push(result.decision.id);
  }
  const keep = new Set(asked.map((decision) => decision.id));
  const withdrawn = threadQuestions(doc, input.thread)
    .filter((decision) => sameKind(decision) && isOpen(decision) && !keep.has(decision.id))
    .map((decision) => decision.id);
  for (const id of withdrawn) doc = withdrawQuestion(doc, id, { at: input.at, reason: input.withdrawReason });
  return { doc, asked, created, withdrawn };
}

/** The questions one comment shows: the task's questions of this kind in the thread, withdrawn ones left out. */
export const commentQuestions = (
  doc: DecisionsDocument,
  input: Pick<AskQuestionsInput, "task" | "kind" | "thread">,
): Decision[] =>
  threadQuestions(doc, input.thread).filter(
    (decision) => decision.task === input.task && decision.kind === input.kind && decision.withdrawn === undefined,
  );
