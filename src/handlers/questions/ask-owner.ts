import {
  askQuestions,
  commentQuestions,
  renderQuestionsComment,
  type Decision,
  type DecisionKind,
  type DecisionsDocument,
  type QuestionDraft,
  type Thread,
} from "../../core/commands/index.js";
import type { QueueDocument, QueueEntry, TransitionResult } from "../../core/queue/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import { commitDecisions, questionsCommentKey, readDecisions } from "./decisions-file.js";

export interface AskOwnerInput {
  taskId: string;
  kind: DecisionKind;
  /** where the questions are asked: the task's issue (spec) or its pull request (review, merge) */
  thread: Thread;
  /** everything that must be answered now; empty settles the task's open questions of this kind */
  questions: readonly QuestionDraft[];
  /** the app's bot login: only its comment counts as the questions comment (any bot's when unknown) */
  actor?: string;
  /** the queue move committed with the questions, e.g. to `needs_owner` */
  queue?: (doc: QueueDocument) => TransitionResult;
  /** the issue and PR to label `needs-owner`, with their labels when known (null: not read, see `mirrorStateLabels`) */
  label?: ReadonlyArray<{ number: number; kind: "issue" | "pull"; labels: readonly string[] | null }>;
  /** why open questions of this kind that are no longer asked are withdrawn */
  withdrawReason?: string;
}

export interface AskOwnerResult {
  /** the questions as recorded, in the order asked */
  asked: Decision[];
  created: string[];
  withdrawn: string[];
  /** the questions comment; undefined when nothing was ever asked here */
  commentUrl?: string;
  /** the task after the queue move, when there was one */
  entry?: QueueEntry;
}

const placeholderComment = 1;

/**
 * Asks the owner: ONE comment per task and kind in the thread with the numbered questions (the
 * same comment edited on a redelivery or a re-ask), each question a line of
 * `ops/decisions.jsonl` committed to the default branch together with the queue move, and the
 * `needs-owner` state label. Questions still open and asked again keep their number and line,
 * so doing it twice changes nothing. With no questions it settles: open ones of this kind are
 * withdrawn and the comment, if any, says everything is settled.
 */
export async function askOwner(ctx: ConfiguredContext, input: AskOwnerInput): Promise<AskOwnerResult> {
  const { github } = ctx;
  const at = new Date().toISOString();
  const withdrawReason = input.withdrawReason ?? "no longer asked";
  const plan = (doc: DecisionsDocument, comment: number) =>
    askQuestions(doc, {
      task: input.taskId,
      kind: input.kind,
      thread: input.thread,
      drafts: input.questions,
      comment,
      at,
      withdrawReason,
    });

  // the numbers are shown before the lines are committed: the comment's id goes into them
  const preview = plan(await readDecisions(ctx), placeholderComment);
  const target = {
    issueNumber: "issue" in input.thread ? input.thread.issue : input.thread.pr,
    key: questionsCommentKey(input.kind),
    author: input.actor,
  };
  const existing = await github.findSticky(target);
  const body = renderQuestionsComment(
    preview.doc,
    input.kind,
    commentQuestions(preview.doc, { task: input.taskId, kind: input.kind, thread: input.thread }),
  );
  const comment =
    existing === undefined && input.questions.length === 0
      ? undefined
      : await github.upsertSticky({ ...target, body, known: existing ?? null });

  let recorded = preview;
  const { entry } = await commitDecisions(ctx, {
    taskId: input.taskId,
    ...(input.queue ? { queue: input.queue } : {}),
    decisions: (doc) => {
      recorded = plan(doc, comment?.id ?? placeholderComment);
      return recorded.created.length + recorded.withdrawn.length > 0 ? recorded.doc : null;
    },
    says:
      input.questions.length > 0
        ? `asks the owner (${preview.asked.map((decision) => decision.id).join(", ")})`
        : "owner questions settled",
  });
  const labelled = input.questions.length > 0 ? (input.label ?? []) : [];
  if (labelled.length > 0)
    await github.mirrorStateLabels({
      targets: labelled.map(({ number, kind, labels }) =>
        labels === null ? { number, kind } : { number, kind, currentLabels: labels },
      ),
      status: "needs_owner",
      labels: ctx.config.labels,
    });
  ctx.log.info(
    {
      task: input.taskId,
      kind: input.kind,
      asked: recorded.asked.map((decision) => decision.id),
      withdrawn: recorded.withdrawn,
    },
    "owner questions",
  );
  return {
    asked: recorded.asked,
    created: recorded.created,
    withdrawn: recorded.withdrawn,
    ...(comment ? { commentUrl: comment.url } : {}),
    ...(entry ? { entry } : {}),
  };
}

/** Renders the questions comment again from the recorded decisions (after an answer). */
export async function refreshQuestionsComment(
  ctx: ConfiguredContext,
  input: { taskId: string; kind: DecisionKind; thread: Thread; actor?: string; doc: DecisionsDocument },
): Promise<void> {
  const target = {
    issueNumber: "issue" in input.thread ? input.thread.issue : input.thread.pr,
    key: questionsCommentKey(input.kind),
    author: input.actor,
  };
  const existing = await ctx.github.findSticky(target);
  if (existing === undefined) return;
  const body = renderQuestionsComment(
    input.doc,
    input.kind,
    commentQuestions(input.doc, { task: input.taskId, kind: input.kind, thread: input.thread }),
  );
  await ctx.github.upsertSticky({ ...target, body, known: existing });
}
