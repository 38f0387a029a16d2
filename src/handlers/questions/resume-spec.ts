import { whoMayMoveTasks, type Decision } from "../../core/commands/index.js";
import type { DispatchPlan } from "../../core/dispatch/index.js";
import { redactUntrusted } from "../../core/markdown/index.js";
import type { QueueEntry } from "../../core/queue/index.js";
import { applySpecAnswer } from "../../core/task/apply-spec-answer.js";
import { inlineCode } from "../../core/task/markdown-code.js";
import type { ConfiguredContext } from "../repo-context.js";
import { editorWithoutAuthority } from "./edited-since-question.js";

/**
 * Dispatches the issue again now; undefined when it did not run (paused). `approvedBody` is the
 * body the owner's answer left: one that differs when dispatch reads it was edited since, and that
 * edit's own event decides, as for a label (`labelledBody`).
 */
export type SpecDispatch = (issueNumber: number, approvedBody: string | null) => Promise<DispatchPlan | undefined>;

/** What dispatch did with a completed (or still incomplete) spec, for the reply. */
function afterSpecAnswer(taskId: string, plan: DispatchPlan | undefined): string {
  if (plan === undefined) return `Autopilot is paused for this repository, so **${taskId}** waits for \`/resume\`.`;
  switch (plan.kind) {
    case "start":
      return `The spec in the issue description is complete: **${taskId}** is dispatched on \`${plan.branch}\`.`;
    case "ask":
      return `The spec still needs ${plan.questions.map((question) => inlineCode(question.field, 40)).join(", ")}: see the questions comment.`;
    case "blocked":
      return `The spec is complete, but its scope overlaps ${plan.conflicts.map((conflict) => conflict.taskId).join(", ")}: **${taskId}** waits until that work is done.`;
    case "ignore":
      return `Nothing was dispatched: ${plan.reason}.`;
  }
}

// the body is written back: never with a credential the owner pasted into it
const answered = (body: string | null | undefined, field: string, text: string) =>
  applySpecAnswer(body === null || body === undefined ? null : redactUntrusted(body).text, field, text);

const notWritable = (reason: string, field: string) =>
  `${reason}. Write the value as it would follow ${inlineCode(`${field}:`)} in the autopilot block.`;

/**
 * Whether the answer can be written into the issue's spec, before it is recorded. The owner
 * approved the issue as it read when labelled and asked about: an edit since by someone without
 * authority (the author rewriting `risk` or `scope` while the task waits) is not adopted with the
 * answer, which would make the whole body the task's spec. Resolves with the body it read.
 */
export async function checkSpecAnswer(
  ctx: ConfiguredContext,
  entry: QueueEntry,
  decision: Decision,
  text: string,
  appLogin: string,
): Promise<{ refused: string } | { field: string; seen: string | null }> {
  if (decision.field === undefined)
    return { refused: `${decision.id} names no spec field; edit the issue description instead.` };
  const issue = await ctx.github.getIssue(entry.issue);
  const applied = answered(issue.body, decision.field, text);
  if (!applied.ok) return { refused: notWritable(applied.reason, decision.field) };
  const editor = await editorWithoutAuthority(ctx, entry.issue, decision, appLogin);
  if (editor !== undefined)
    return {
      refused:
        `the issue was edited by @${editor} after ${decision.id} was asked, and only ${whoMayMoveTasks(ctx.config.owners)} ` +
        "can change what a task is asked to do: the answer would make that edit the task's spec. Read the issue: " +
        "to take it as it reads, write the value into its spec yourself; otherwise undo the edit and answer again.",
    };
  return { field: decision.field, seen: issue.body ?? null };
}

/** Writes the answered field into the issue's spec as `checkSpecAnswer` saw it, then runs dispatch in this job. */
export async function resumeSpec(
  ctx: ConfiguredContext,
  entry: QueueEntry,
  answer: { field: string; text: string; seen: string | null },
  dispatch: SpecDispatch,
): Promise<{ refused: string } | { next: string }> {
  const issue = await ctx.github.getIssue(entry.issue);
  const body = issue.body ?? null;
  // edited between the check and now: nobody weighed that edit
  if (body !== answer.seen)
    return {
      refused:
        "the issue was edited while the answer was being recorded, so it was not written into the description. " +
        "Read the issue as it reads now, then write the value into its spec yourself.",
    };
  const applied = answered(body, answer.field, answer.text);
  if (!applied.ok) return { refused: notWritable(applied.reason, answer.field) };
  if (applied.changed) await ctx.github.updateIssue(entry.issue, { body: applied.body });
  return { next: afterSpecAnswer(entry.id, await dispatch(entry.issue, applied.changed ? applied.body : body)) };
}
