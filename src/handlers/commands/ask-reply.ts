import {
  askOutput,
  askPrompt,
  safeModelMarkdown,
  statusReply,
  threadQuestions,
  type AskContext,
} from "../../core/commands/index.js";
import type { QueueEntry } from "../../core/queue/index.js";
import { parseReviewComment } from "../../core/review/index.js";
import type { LlmPort } from "../../llm/index.js";
import { readDecisions } from "../questions/decisions-file.js";
import type { ConfiguredContext } from "../repo-context.js";
import { headChecks } from "./head-checks.js";

const stateNote = "_This is the recorded state (queue and checks): no model is configured to answer `/ask` in words._";

/** The state `/ask` answers from: the entry, the issue, the head's checks, the latest review record, the owner questions. */
async function gatherAskContext(
  ctx: ConfiguredContext,
  question: string,
  entry: QueueEntry | undefined,
  appSlug: string,
): Promise<AskContext> {
  const { github } = ctx;
  const checks = await headChecks(ctx, entry?.pr ?? null, appSlug);
  if (!entry) return { question, checks, questions: [], paused: ctx.config.paused };
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

/**
 * The reply to `/ask <question>`. With a model configured (the review's manager port), the
 * model answers from the task's recorded state, every piece of it fenced as untrusted data and
 * redacted by the port; its answer is posted with the model named and mentions disarmed. Without
 * a model, or when the model does not answer, the reply is the plain recorded state, saying so.
 */
export async function askReply(
  ctx: ConfiguredContext,
  question: string,
  entry: QueueEntry | undefined,
  port: LlmPort | undefined,
  appSlug: string,
): Promise<string> {
  if (port === undefined) {
    return `${statusReply(entry, await headChecks(ctx, entry?.pr ?? null, appSlug), { paused: ctx.config.paused })}\n\n${stateNote}`;
  }
  const context = await gatherAskContext(ctx, question, entry, appSlug);
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
      task: entry?.id,
      role: "ask",
      provider: result.provider,
      model: result.model,
      tokens: result.usage,
      cost_usd: result.costUsd,
      outcome: result.outcome,
    },
    "ask: model call",
  );
  const state = statusReply(entry, context.checks, { paused: ctx.config.paused });
  if (!result.ok) {
    return `${state}\n\n_The model \`${port.model}\` did not answer (${result.outcome}); this is the recorded state instead._`;
  }
  return `${safeModelMarkdown(result.value)}\n\n_Answered by the model \`${port.model}\` from the queue, the checks, the latest review and the owner questions; it can be wrong. \`/status\` shows the recorded state._`;
}
