import type { Config } from "../../config/index.js";
import {
  assistantManagerPrompt,
  budgetDiff,
  diffTokenBudget,
  managerPrompt,
  riskPaths,
  tieBreakPrompt,
  type AssistantManagerFindings,
  type BudgetDiffInput,
  type BudgetedDiff,
  type ManagerDecision,
  type ReviewContext,
} from "../../core/review/index.js";
import { tokenCounterFor } from "../../llm/index.js";

/** What each review pass is shown of the change, every prompt within `review.max_input_tokens`. */
export interface ReviewDiffs {
  /** the red team's context, its diff budgeted for its prompt */
  context: ReviewContext;
  /** the manager's diff: its prompt adds the findings, so it is budgeted again, the risks' files first */
  managerDiff: (findings: AssistantManagerFindings) => BudgetedDiff;
  /** the tie-break's diff: its prompt adds the findings and the decision, the risks' files first */
  tieBreakDiff: (findings: AssistantManagerFindings, decision: ManagerDecision) => BudgetedDiff;
}

/**
 * The diffs of the review's prompts, each budgeted for the prompt it goes in. `files`: the change
 * with the code around each hunk the models are shown; `incomplete`: why GitHub's change is not
 * whole, when it is not; `scope`: a task's globs (files outside them are shown first).
 */
export function reviewDiffs(
  config: Config,
  base: Omit<ReviewContext, "diff">,
  files: BudgetDiffInput["files"],
  incomplete: string | undefined,
  scope: readonly string[] | undefined,
): ReviewDiffs {
  const budgeted = (maxTokens: number, estimateTokens: (text: string) => number, priorityPaths?: string[]) =>
    budgetDiff({
      files,
      incomplete,
      maxTokens,
      estimateTokens,
      ...(priorityPaths === undefined ? {} : { priorityPaths }),
      ...(scope === undefined ? {} : { scope }),
    });
  // counted as the assistant manager's model counts (exact for OpenAI models, a safe margin for Claude)
  const estimateTokens = tokenCounterFor(config.review.assistant_manager).count;
  const managerEstimate = tokenCounterFor(config.review.manager).count;
  const limit = config.review.max_input_tokens;
  const diff = budgeted(
    diffTokenBudget((shown) => assistantManagerPrompt({ ...base, diff: shown }), limit, estimateTokens),
    estimateTokens,
  );
  const context: ReviewContext = { ...base, diff };
  return {
    context,
    managerDiff: (findings) =>
      budgeted(
        diffTokenBudget((shown) => managerPrompt(context, findings, shown), limit, managerEstimate),
        managerEstimate,
        riskPaths(findings),
      ),
    tieBreakDiff: (findings, decision) =>
      budgeted(
        diffTokenBudget((shown) => tieBreakPrompt(context, findings, decision, shown), limit, estimateTokens),
        estimateTokens,
        riskPaths(findings),
      ),
  };
}
