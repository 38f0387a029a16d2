import type { LlmPrices, LlmUsage } from "./llm-port.js";

export interface CostEstimate {
  usd: number;
  /** false when `prices` has no entry for the model: the cost is then reported as 0 */
  priced: boolean;
}

/**
 * Prices of the default models (USD per million tokens, as their vendors list them for standard
 * use), so that `review.max_cost_usd` caps a review out of the box. `review.prices` overrides them
 * and prices every other model; a model priced nowhere costs 0 and its review says so.
 */
export const builtInPrices: LlmPrices = {
  "claude-sonnet-4-6": { input: 3, output: 15 },
  "gpt-5": { input: 1.25, output: 10 },
};

/**
 * Cost of `usage` at the configured price of `model` (USD per million tokens). Prices are looked
 * up by the exact model name the role is configured with, as `review.prices` keys them.
 */
export function estimateCost(model: string, usage: LlmUsage, prices: LlmPrices | undefined): CostEstimate {
  const price = prices !== undefined && Object.hasOwn(prices, model) ? prices[model] : undefined;
  if (price === undefined) return { usd: 0, priced: false };
  return { usd: (usage.input * price.input + usage.output * price.output) / 1_000_000, priced: true };
}
