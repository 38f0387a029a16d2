import {
  answerRecordedReply,
  answerRefusedReply,
  recordAnswer,
  resolveThreadQuestion,
  threadNumberOf,
  type Decision,
  type DecisionAnswer,
  type DecisionsDocument,
  type Thread,
} from "../../core/commands/index.js";
import type { QueueEntry } from "../../core/queue/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import { commitDecisions, readDecisions } from "./decisions-file.js";
import { resumeAfterMergeAnswer } from "./resume-merge.js";
import { resumeAfterReviewAnswer } from "./resume-review.js";
import { checkSpecAnswer, resumeSpec, type SpecDispatch } from "./resume-spec.js";

export interface OwnerAnswer {
  /** the task of the thread the answer was written in */
  entry: QueueEntry;
  thread: Thread;
  /** the question's number in the thread, when the answer names one */
  number?: number;
  text: string;
  by: string;
  /** the comment holding `/answer` */
  comment: number;
}

export interface AnswerEffects {
  /** the app's bot login */
  actor: string;
  /** dispatches the issue again now, with the body the answer left */
  dispatch: SpecDispatch;
}

/** Records the answer in `ops/decisions.jsonl`; the refusal `recordAnswer` gave when it may not be. */
async function record(
  ctx: ConfiguredContext,
  decision: Decision,
  answer: DecisionAnswer,
): Promise<{ ok: true; doc: DecisionsDocument } | { ok: false; reason: string }> {
  let outcome: { ok: true; doc: DecisionsDocument } | { ok: false; reason: string } = {
    ok: false,
    reason: "not recorded",
  };
  await commitDecisions(ctx, {
    taskId: decision.task,
    says: `${decision.id} answered by @${answer.by}`,
    decisions: (doc) => {
      const result = recordAnswer(doc, decision.id, answer);
      outcome = result.ok ? { ok: true, doc: result.doc } : result;
      return result.ok && result.changed ? result.doc : null;
    },
  });
  return outcome;
}

/**
 * `/answer` from an authorized person: finds the question (its number in this thread, or the
 * only open one), records the answer on its line of `ops/decisions.jsonl`, then lets the task go
 * on by kind: a spec answer is written into the issue's ```autopilot block and dispatch runs in
 * this job; a review answer moves the task; a merge answer judges the PR again, sends the task
 * back to the agent or blocks it. Idempotent: the same comment delivered again records
 * nothing new and gives the same reply. Resolves with the reply to post.
 */
export async function answerQuestion(
  ctx: ConfiguredContext,
  answer: OwnerAnswer,
  effects: AnswerEffects,
): Promise<string> {
  const doc = await readDecisions(ctx);
  let text = answer.text;
  let resolved = resolveThreadQuestion(doc, {
    task: answer.entry.id,
    thread: answer.thread,
    ...(answer.number !== undefined ? { number: answer.number } : {}),
  });
  if (!resolved.ok && answer.number !== undefined) {
    // `/answer 2 …` with no question 2 here but one open question with choices: the owner chose its option 2
    const only = resolveThreadQuestion(doc, { task: answer.entry.id, thread: answer.thread });
    if (only.ok && answer.number <= only.decision.options.length) {
      resolved = only;
      text = `${answer.number} ${answer.text}`;
    }
  }
  if (!resolved.ok) return answerRefusedReply(resolved.reason);
  const { decision } = resolved;
  const given: DecisionAnswer = {
    text,
    by: answer.by,
    at: new Date().toISOString(),
    delivery: ctx.delivery,
    comment: answer.comment,
  };
  // refuse before recording what could not be written into the spec, or would adopt an outsider's edit
  let spec: { field: string; seen: string | null } | undefined;
  if (decision.kind === "spec") {
    const checked = await checkSpecAnswer(ctx, answer.entry, decision, text, effects.actor);
    if ("refused" in checked) return answerRefusedReply(checked.refused);
    spec = checked;
  }
  const recorded = await record(ctx, decision, given);
  if (!recorded.ok) return answerRefusedReply(recorded.reason);
  ctx.log.info({ task: decision.task, question: decision.id, kind: decision.kind, by: answer.by }, "owner answered");
  const number = threadNumberOf(recorded.doc, decision);
  let next: string;
  if (spec !== undefined) {
    const resumed = await resumeSpec(ctx, answer.entry, { ...spec, text }, effects.dispatch);
    next = "refused" in resumed ? resumed.refused : resumed.next;
  } else if (decision.kind === "review") {
    next = await resumeAfterReviewAnswer(ctx, {
      entry: answer.entry,
      decision,
      text,
      by: answer.by,
      doc: recorded.doc,
      actor: effects.actor,
    });
  } else {
    next = await resumeAfterMergeAnswer(ctx, {
      entry: answer.entry,
      decision,
      text,
      by: answer.by,
      doc: recorded.doc,
      actor: effects.actor,
    });
  }
  return answerRecordedReply({ number, questionId: decision.id, next });
}
