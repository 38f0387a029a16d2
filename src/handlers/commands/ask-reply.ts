import {
  askOutput,
  askPrompt,
  safeModelMarkdown,
  statusReply,
  threadQuestions,
  type AskContext,
} from "../../core/commands/index.js";
import { appSlugOf } from "../../core/own-check-run.js";
import type { QueueEntry } from "../../core/queue/index.js";
import { parseReviewComment } from "../../core/review/index.js";
import type { LlmPort } from "../../llm/index.js";
import { readDecisions } from "../questions/decisions-file.js";
import type { ConfiguredContext } from "../repo-context.js";
import { askAnswerMarker, askAnswersOf, isTaskOwnAccount } from "./ask-allowance.js";
import { headChecks } from "./head-checks.js";

const stateNote = "_This is the recorded state (queue and checks): no model is configured to answer `/ask` in words._";
const notATaskNote = "_This thread is no Autopilot task: `/ask` answers in words only about a task._";

/** The state `/ask` answers from: the entry, the issue, the head's checks, the latest review record, the owner questions. */
async function gatherAskContext(
  ctx: ConfiguredContext,
  question: string,
  entry: QueueEntry,
  appSlug: string,
): Promise<AskContext> {
  const { github } = ctx;
  const checks = await headChecks(ctx, entry.pr, appSlug);
  const issue = await github.getIssue(entry.issue);
  const comment = entry.pr === null ? undefined : await github.findSticky({ issueNumber: entry.pr, key: "review" });
  const review = comment ? parseReviewComment(comment.body) : undefined;
  const decisions = await readDecisions(ctx);
  const questions = [
    ...threadQuestions(decisions, { issue: entry.issue }),
    ...(entry.pr === null ? [] : threadQuestions(decisions, { pr: entry.pr })),
  ].filter((decision) => decision.task === entry.id);
  return {
    question,
    entry,
    issue: { number: issue.number, title: issue.title, body: issue.body ?? "" },
    checks,
    ...(review ? { review } : {}),
    questions,
    paused: ctx.config.paused,
  };
}

/** What `/ask` was asked, by whom, where. */
export interface AskInput {
  question: string;
  by: string;
  entry: QueueEntry | undefined;
  thread: { number: number; isPull: boolean };
}

/** The reply when one of the change's own accounts asks. */
const ownChangeAskRefusal = (login: string): string =>
  `@${login} wrote or pushed this change, so \`/ask\` is not theirs to use on it: it calls a paid model on the owner's behalf. \`/status\` shows the recorded state.`;

/**
 * The reply to `/ask <question>`. With a model configured (the review's manager port), the
 * model answers from the task's recorded state, every piece of it fenced as untrusted data and
 * redacted by the port; its answer is posted with the model named and mentions disarmed. Without
 * a model, on a thread that is no task, past `review.max_asks_per_task` answers for the task, or
 * when the model does not answer, the reply is the plain recorded state, saying so. The change's
 * own accounts are refused: the model is the owner's bill.
 */
export async function askReply(
  ctx: ConfiguredContext,
  input: AskInput,
  effects: { askPort: () => LlmPort | undefined; actor: string },
): Promise<string> {
  const { entry } = input;
  const appSlug = appSlugOf(effects.actor);
  const recorded = async (note: string) =>
    `${statusReply(entry, await headChecks(ctx, entry?.pr ?? null, appSlug), { paused: ctx.config.paused })}\n\n${note}`;
  if (entry === undefined) return recorded(notATaskNote);
  if (await isTaskOwnAccount(ctx, { entry, thread: input.thread, by: input.by })) return ownChangeAskRefusal(input.by);
  const port = effects.askPort();
  if (port === undefined) return recorded(stateNote);
  const cap = ctx.config.review.max_asks_per_task;
  if ((await askAnswersOf(ctx, entry, effects.actor)) >= cap) {
    return recorded(
      `_A model has answered ${cap} \`/ask\` question${cap === 1 ? "" : "s"} about ${entry.id}, the most \`review.max_asks_per_task\` allows: this is the recorded state instead._`,
    );
  }
  const context = await gatherAskContext(ctx, input.question, entry, appSlug);
  const prompt = askPrompt(context);
  const result = await port.call({
    role: "ask",
    system: prompt.system,
    messages: prompt.messages,
    ...askOutput,
    maxOutputTokens: Math.min(ctx.config.review.max_output_tokens, 1500),
    remainingBudgetUsd: ctx.config.review.max_cost_usd,
  });
  ctx.log.info(
    {
      task: entry.id,
      role: "ask",
      provider: result.provider,
      model: result.model,
      tokens: result.usage,
      cost_usd: result.costUsd,
      outcome: result.outcome,
    },
    "ask: model call",
  );
  // the marker counts this call against the task's allowance, answered or not
  const state = statusReply(entry, context.checks, { paused: ctx.config.paused });
  if (!result.ok) {
    return `${askAnswerMarker}\n${state}\n\n_The model \`${port.model}\` did not answer (${result.outcome}); this is the recorded state instead._`;
  }
  return `${askAnswerMarker}\n${safeModelMarkdown(result.value)}\n\n_Answered by the model \`${port.model}\` from the queue, the checks, the latest review and the owner questions; it can be wrong. \`/status\` shows the recorded state._`;
}
