import { isOpen, mergeQuestionDraft, threadQuestions, type MergeStop } from "../../core/commands/index.js";
import { applyTransition, type QueueEntry } from "../../core/queue/index.js";
import { QueueRefusedError } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";
import { askOwner } from "./ask-owner.js";
import { readDecisions } from "./decisions-file.js";

/** The queue history's words for why a merge stopped. */
function stopWords(stop: MergeStop): string {
  if (stop.cause.kind === "conflict") return `conflicts with ${stop.base}`;
  if (stop.cause.kind === "push_access") return `GitHub refused the merge: the app may not push to ${stop.base}`;
  return "GitHub refused the merge";
}

/**
 * A merge Autopilot cannot make (the PR conflicts with its base, or GitHub refused it) becomes an
 * owner question on the pull request: judge again, send back to the agent, or block. The task
 * moves to `needs_owner` in the same commit as the question's line of `ops/decisions.jsonl`, and
 * its issue and PR get the label. `needs_owner` rather than `blocked`: the task waits for a
 * decision, which the question names, not for someone to `/unblock` it; and while it waits the
 * merge handler leaves it alone, so nothing is asked twice. The same stop on the same head is the
 * same question (askOwner reuses it); another open merge question of the task is withdrawn. A
 * task the queue will not move (done meanwhile) is logged and left alone. Resolves with whether
 * the task now waits for the owner.
 */
export async function askMergeQuestion(
  ctx: ConfiguredContext,
  input: { entry: QueueEntry; stop: MergeStop; login: string },
): Promise<boolean> {
  const { entry, stop } = input;
  try {
    await askOwner(ctx, {
      taskId: entry.id,
      kind: "merge",
      thread: { pr: stop.pr },
      questions: [mergeQuestionDraft(stop)],
      actor: input.login,
      queue: (doc) =>
        applyTransition(doc, {
          taskId: entry.id,
          to: "needs_owner",
          actor: input.login,
          reason: `#${stop.pr} cannot be merged (${stopWords(stop)}): an owner decides`,
          delivery: ctx.delivery,
          at: new Date().toISOString(),
        }),
      label: [
        { number: entry.issue, kind: "issue", labels: null },
        { number: stop.pr, kind: "pull", labels: null },
      ],
      withdrawReason: "a newer merge decision replaced it",
    });
    return true;
  } catch (error) {
    if (!(error instanceof QueueRefusedError)) throw error;
    ctx.log.warn(
      { task: entry.id, pr: stop.pr, reason: error.message },
      "merge needs an owner, but the task cannot wait for one",
    );
    return false;
  }
}

/**
 * After the pull request merged, a merge question still open about it no longer needs an answer:
 * it is withdrawn and its comment says so. Reads `ops/decisions.jsonl` once; writes only when
 * such a question is open.
 */
export async function settleMergeQuestions(
  ctx: ConfiguredContext,
  input: { taskId: string; pr: number; login: string; reason: string },
): Promise<void> {
  const doc = await readDecisions(ctx);
  const open = threadQuestions(doc, { pr: input.pr }).some(
    (decision) => decision.task === input.taskId && decision.kind === "merge" && isOpen(decision),
  );
  if (!open) return;
  await askOwner(ctx, {
    taskId: input.taskId,
    kind: "merge",
    thread: { pr: input.pr },
    questions: [],
    actor: input.login,
    withdrawReason: input.reason,
  });
}
