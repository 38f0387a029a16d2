/**
 * What one review costs, for a 300-line and a 3,000-line pull request: the prompt tokens of each
 * call (red team, manager), the share of them a provider serves from its prompt cache when the
 * next push is reviewed, and the estimated cost of the first and the second push with the default
 * models at their built-in prices. The cache is simulated as the providers account for it: the
 * stable prefix (system prompt, repository instructions, task spec) is cached when it is at least
 * 1,024 tokens (both vendors' minimum) and is read back on the next push within the cache's life;
 * Anthropic bills the first write at 1.25 × input, OpenAI bills none.
 */
import { defaultConfig } from "../src/config/index.js";
import { builtInPrices, withCacheRates } from "../src/config/model-prices.js";
import type { ChangedFile } from "../src/core/changed-file.js";
import { parseTaskSpec } from "../src/core/task/index.js";
import {
  assistantManagerPrompt,
  budgetDiff,
  diffTokenBudget,
  managerPrompt,
  type ReviewContext,
  type ReviewPrompt,
} from "../src/core/review/index.js";
import { tokenCounterFor } from "../src/llm/index.js";

const minimumCachedPrefix = 1_024;
const answerTokens = { assistant_manager: 900, manager: 600 };

function pullOf(lines: number, push: number): ChangedFile[] {
  const perFile = 60;
  return Array.from({ length: Math.ceil(lines / perFile) }, (_, index) => {
    const count = Math.min(perFile, lines - index * perFile);
    const body = Array.from(
      { length: count },
      (_, line) => `+export const widget${index}_${line} = listWidgets({ page: ${line + push}, size: 50 });`,
    ).join("\n");
    return {
      filename: `src/widgets/part-${index}.ts`,
      status: "added",
      additions: count,
      deletions: 0,
      patch: `@@ -0,0 +1,${count} @@\n${body}`,
    } as ChangedFile;
  });
}

const instructions = [
  {
    source: "AGENTS.md",
    text: Array.from(
      { length: 40 },
      (_, i) =>
        `- Rule ${i + 1}: every exported function has a unit test next to it, and errors name the input that caused them.`,
    ).join("\n"),
  },
];

function tokensOf(prompt: ReviewPrompt, count: (text: string) => number): { total: number; prefix: number } {
  const prefixEnd = prompt.messages.findLastIndex((message) => message.cachePrefix === true);
  const prefixText = [prompt.system, ...prompt.messages.slice(0, prefixEnd + 1).map((message) => message.content)].join(
    "\n\n",
  );
  const total = count([prompt.system, ...prompt.messages.map((message) => message.content)].join("\n\n"));
  return { total, prefix: count(prefixText) };
}

function costOf(model: string, input: number, cached: number, written: number, output: number): number {
  const listed = builtInPrices[model];
  if (!listed) return 0;
  const price = withCacheRates(listed);
  return (
    ((input - cached - written) * price.input +
      cached * price.cached_input +
      written * price.cache_write +
      output * price.output) /
    1_000_000
  );
}

export function runReviewCostBench(): object {
  const config = defaultConfig();
  const spec = parseTaskSpec(
    '```autopilot\nscope: ["src/widgets/**"]\nrisk: medium\nacceptance:\n  - "GET /widgets returns 50 widgets per page"\n  - "a ?page= parameter selects the page"\n```',
  );
  if (!spec.ok) throw new Error("the bench's spec does not parse");
  const roles = [
    {
      role: "assistant_manager" as const,
      model: config.review.assistant_manager,
      build: (context: ReviewContext) => assistantManagerPrompt(context),
      vendor: "anthropic",
    },
    {
      role: "manager" as const,
      model: config.review.manager,
      build: (context: ReviewContext) =>
        managerPrompt(context, { risks: [], missing_deliverables: [], test_gaps: [], followups: [] }),
      vendor: "openai",
    },
  ];
  const result: Record<string, unknown> = {};
  for (const lines of [300, 3_000]) {
    const perCall: Record<string, unknown> = {};
    let first = 0;
    let second = 0;
    for (const { role, model, build, vendor } of roles) {
      const counter = tokenCounterFor(model);
      const push = (n: number) => {
        const base: Omit<ReviewContext, "diff"> = {
          task: { id: "T-7", title: "Page widget lists", spec: spec.spec },
          pullRequest: { number: 7, title: "Page widget lists", body: "Pages the widget lists." },
          gates: [],
          checks: [],
          commits: [{ sha: `${n}`.repeat(40).slice(0, 40), message: `Push ${n}\n\nTask: T-7\nRefs: NT-0012` }],
          instructions,
        };
        const files = pullOf(lines, n);
        const maxTokens = diffTokenBudget(
          (diff) => build({ ...base, diff }),
          config.review.max_input_tokens,
          counter.count,
        );
        return build({ ...base, diff: budgetDiff({ files, maxTokens, estimateTokens: counter.count }) });
      };
      const one = tokensOf(push(1), counter.count);
      const two = tokensOf(push(2), counter.count);
      const cachedOnSecond = two.prefix >= minimumCachedPrefix ? two.prefix : 0;
      const writtenOnFirst = vendor === "anthropic" && one.prefix >= minimumCachedPrefix ? one.prefix : 0;
      const firstCost = costOf(model.model, one.total, 0, writtenOnFirst, answerTokens[role]);
      const secondCost = costOf(model.model, two.total, cachedOnSecond, 0, answerTokens[role]);
      first += firstCost;
      second += secondCost;
      perCall[role] = {
        model: model.model,
        prompt_tokens: one.total,
        stable_prefix_tokens: one.prefix,
        cached_share_second_push: Number((cachedOnSecond / two.total).toFixed(3)),
        cost_usd_first_push: Number(firstCost.toFixed(5)),
        cost_usd_second_push: Number(secondCost.toFixed(5)),
      };
    }
    result[`pr_${lines}_lines`] = {
      calls: perCall,
      review_cost_usd_first_push: Number(first.toFixed(5)),
      review_cost_usd_second_push: Number(second.toFixed(5)),
    };
  }
  return {
    ...result,
    assumed_answer_tokens: answerTokens,
    cache: `prefix cached at >= ${minimumCachedPrefix} tokens; Anthropic writes at 1.25x input`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(runReviewCostBench(), null, 2)}\n`);
}
