import { appSlugOf } from "../../core/own-check-run.js";
import {
  blockedReply,
  cannotReply,
  invalidCommandReply,
  notATaskReply,
  pausedBySettingsReply,
  pausedReply,
  resumedReply,
  statusReply,
  unblockedReply,
  answerRefusedReply,
  type ParsedCommand,
} from "../../core/commands/index.js";
import { statusBeforeBlock, type QueueEntry, type QueueStatus } from "../../core/queue/index.js";
import { cancelAgentRun } from "../agent-runs/cancel-agent-run.js";
import { moveTask } from "../move-task.js";
import { QueueRefusedError } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";
import { findTask, readQueue } from "../task-state.js";
import { setPaused } from "./set-paused.js";
import type { DispatchPlan } from "../../core/dispatch/index.js";
import type { LlmPort } from "../../llm/index.js";
import { answerQuestion } from "../questions/answer-question.js";
import { dismissFinding } from "../review/dismiss-finding.js";
import { waiveCriterion } from "../review/waive-criterion.js";
import { askReply } from "./ask-reply.js";
import { headChecks } from "./head-checks.js";

export interface CommandComment {
  id: number;
  body: string;
  author: { login: string; type: string };
  /** the issue or pull request the comment is on */
  thread: { number: number; isPull: boolean };
}

/** What commands that start other workflows hand back to the caller, which owns those queues. */
export interface CommandEffects {
  /**
   * `restartAgent`: an owner's `/retry` on the issue starts the agent again even if it was started before;
   * `respecBy`: `/dispatch` by that person takes the issue's spec as it is now over the recorded one
   */
  dispatch: (issueNumber: number, options?: { restartAgent?: boolean; respecBy?: string }) => Promise<void>;
  review: (pullNumber: number) => Promise<void>;
  regate: (pullNumber: number) => Promise<void>;
  /**
   * dispatch in this job, for an answered spec question, of the body the answer left (a body edited
   * since is not taken); undefined when it did not run (paused)
   */
  redispatch: (issueNumber: number, approvedBody: string | null) => Promise<DispatchPlan | undefined>;
  /** the model that answers `/ask`; undefined when no provider is configured */
  askPort: () => LlmPort | undefined;
  /** the app's bot login */
  actor: string;
  /** after `/resume` switched Autopilot back on: the open task PRs are judged for merging at once, not at the next event */
  resumed: () => Promise<void>;
}

/** The task whose issue or PR the thread is, if any. */
export async function taskOfThread(
  ctx: ConfiguredContext,
  thread: CommandComment["thread"],
): Promise<QueueEntry | undefined> {
  return findTask(await readQueue(ctx, ctx.config), thread.isPull ? { pr: thread.number } : { issue: thread.number });
}

/** Moves the task and mirrors the move on its issue and PR; the queue's refusal comes back as text. */
async function move(
  ctx: ConfiguredContext,
  entry: QueueEntry,
  to: QueueStatus,
  by: string,
  reason: string,
): Promise<string | undefined> {
  try {
    await moveTask(ctx, entry, { to, actor: by, reason });
  } catch (error) {
    if (error instanceof QueueRefusedError) return error.message;
    throw error;
  }
  return undefined;
}

/** Whether `.github/autopilot.yml` itself says `paused: true` (a `/resume` cannot lift that). */
async function pausedInConfigFile(ctx: ConfiguredContext): Promise<boolean> {
  const file = await ctx.github.loadConfig(ctx.defaultBranch);
  return file.ok && file.config.paused;
}

/**
 * Runs one command of an authorised person (not `/help`, not an unknown name: the comment's reply
 * gathers those); returns its part of the reply (undefined: a reaction says it all).
 */
export async function runCommand(
  ctx: ConfiguredContext,
  command: Exclude<ParsedCommand, { kind: "unknown" | "help" }>,
  comment: CommandComment,
  effects: CommandEffects,
): Promise<string | undefined> {
  const by = comment.author.login;
  if (command.kind === "invalid") return invalidCommandReply(command.name, command.problem);
  if (command.kind === "pause" || command.kind === "resume") {
    const changed = await setPaused(ctx, ctx.config, command.kind === "pause", by);
    if (command.kind === "resume" && (await pausedInConfigFile(ctx))) return pausedBySettingsReply();
    if (command.kind === "resume" && changed) await effects.resumed();
    return command.kind === "pause" ? pausedReply({ by, already: !changed }) : resumedReply({ by, already: !changed });
  }
  const entry = await taskOfThread(ctx, comment.thread);
  switch (command.kind) {
    case "status":
      return statusReply(entry, await headChecks(ctx, entry?.pr ?? null, appSlugOf(effects.actor)), {
        paused: ctx.config.paused,
      });
    case "ask":
      return askReply(ctx, { question: command.question, by, entry, thread: comment.thread }, effects);
    case "dispatch":
      if (comment.thread.isPull)
        return cannotReply("dispatch", entry?.id ?? "this PR", "dispatch is asked for on the task's issue");
      await effects.dispatch(comment.thread.number, { respecBy: by });
      return undefined;
    case "review":
      if (!comment.thread.isPull)
        return entry?.pr ? cannotReply("review", entry.id, `ask for it on #${entry.pr}`) : notATaskReply();
      await effects.review(comment.thread.number);
      return undefined;
    case "waive":
      if (!comment.thread.isPull)
        return entry?.pr ? cannotReply("waive", entry.id, `waive a criterion on #${entry.pr}`) : notATaskReply();
      if (!entry) return notATaskReply();
      return waiveCriterion(ctx, {
        entry,
        pr: comment.thread.number,
        criterion: command.criterion,
        reason: command.reason,
        by,
        comment: comment.id,
      });
    case "dismiss":
      if (!comment.thread.isPull)
        return entry?.pr ? cannotReply("dismiss", entry.id, `dismiss a finding on #${entry.pr}`) : notATaskReply();
      if (!entry) return notATaskReply();
      return dismissFinding(ctx, {
        entry,
        pr: comment.thread.number,
        fingerprint: command.fingerprint,
        reason: command.reason,
        by,
        comment: comment.id,
      });
    case "retry":
      if (comment.thread.isPull) await effects.regate(comment.thread.number);
      else await effects.dispatch(comment.thread.number, { restartAgent: true });
      return undefined;
    case "answer": {
      if (!entry) return answerRefusedReply("this thread has no Autopilot task.");
      const thread = comment.thread.isPull ? { pr: comment.thread.number } : { issue: comment.thread.number };
      const answer = {
        entry,
        thread,
        text: command.text,
        by,
        comment: comment.id,
        ...(command.question !== undefined ? { number: command.question } : {}),
      };
      return answerQuestion(ctx, answer, { actor: effects.actor, dispatch: effects.redispatch });
    }
  }
  if (!entry) return notATaskReply();
  if (command.kind === "block") {
    const refused = await move(ctx, entry, "blocked", by, `/block by @${by}: ${command.reason}`);
    if (refused) return cannotReply("block", entry.id, refused);
    await cancelAgentRun(ctx, entry);
    return blockedReply(entry.id, by, command.reason);
  }
  const target = statusBeforeBlock(entry);
  const refused =
    entry.status === "blocked"
      ? await move(ctx, entry, target, by, `/unblock by @${by}`)
      : `${entry.id} is not blocked`;
  return refused ? cannotReply("unblock", entry.id, refused) : unblockedReply(entry.id, target);
}
