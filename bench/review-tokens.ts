/**
 * Prompt tokens of the assistant manager's call on a large synthetic pull request (1,000 files,
 * a lockfile and generated code among them), with and without the diff budget, counted as the
 * default assistant manager's tokens (`o200k_base` BPE × the Anthropic safety factor), and the
 * same prompt's exact count for the default manager (OpenAI). Also how long budgeting takes.
 */
import { defaultConfig } from "../src/config/index.js";
import type { ChangedFile } from "../src/core/changed-file.js";
import {
  assistantManagerPrompt,
  budgetDiff,
  diffTokenBudget,
  promptText,
  type ReviewContext,
} from "../src/core/review/index.js";
import { bpeCount, tokenCounterFor } from "../src/llm/index.js";

function syntheticFiles(): ChangedFile[] {
  const files: ChangedFile[] = [];
  const hunk = (index: number, lines: number) =>
    `@@ -0,0 +1,${lines} @@\n${Array.from({ length: lines }, (_, line) => `+export const value${index}_${line} = computeSomething(${line}, "widget-${index}");`).join("\n")}`;
  for (let index = 0; index < 960; index += 1) {
    files.push({
      filename: `src/widgets/module-${index}.ts`,
      status: "added",
      additions: 40,
      deletions: 0,
      changes: 40,
      patch: hunk(index, 40),
    } as ChangedFile);
  }
  files.push({
    filename: "package-lock.json",
    status: "modified",
    additions: 4000,
    deletions: 0,
    changes: 4000,
    patch: hunk(9999, 4000),
  } as ChangedFile);
  for (let index = 0; index < 39; index += 1) {
    files.push({
      filename: `dist/bundle-${index}.js`,
      status: "added",
      additions: 200,
      deletions: 0,
      changes: 200,
      patch: hunk(5000 + index, 200),
    } as ChangedFile);
  }
  return files;
}

export function runReviewTokensBench(): object {
  const config = defaultConfig();
  const files = syntheticFiles();
  const base: Omit<ReviewContext, "diff"> = {
    pullRequest: { number: 1, title: "Add widget modules", body: "" },
    gates: [],
    checks: [],
    commits: [],
  };
  const counter = tokenCounterFor(config.review.assistant_manager);
  const estimateTokens = counter.count;
  bpeCount("warm up: load the rank table outside the timings");
  const unlimited = budgetDiff({ files, maxTokens: Number.MAX_SAFE_INTEGER, estimateTokens });
  const fullText = promptText(assistantManagerPrompt({ ...base, diff: unlimited }));
  const started = performance.now();
  const maxTokens = diffTokenBudget(
    (diff) => assistantManagerPrompt({ ...base, diff }),
    config.review.max_input_tokens,
    estimateTokens,
  );
  const budgeted = budgetDiff({ files, maxTokens, estimateTokens });
  const budgetMs = Math.round(performance.now() - started);
  const sentText = promptText(assistantManagerPrompt({ ...base, diff: budgeted }));
  const manager = tokenCounterFor(config.review.manager);
  return {
    files: files.length,
    prompt_tokens_without_budget: counter.count(fullText),
    prompt_tokens_with_budget: counter.count(sentText),
    max_input_tokens: config.review.max_input_tokens,
    files_left_out_or_cut: budgeted.omitted.length,
    coverage: budgeted.coverage,
    budgeting_ms: budgetMs,
    counted_as: `${config.review.assistant_manager.model}: ${counter.method}`,
    same_prompt_for_manager: {
      model: config.review.manager.model,
      encoding: manager.method,
      exact: manager.exact,
      without_budget: manager.count(fullText),
      with_budget: manager.count(sentText),
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(runReviewTokensBench(), null, 2)}\n`);
}
