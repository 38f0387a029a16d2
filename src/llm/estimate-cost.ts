import type { LlmPrices, LlmUsage } from "./llm-port.js";

export interface CostEstimate {
  usd: number;
  /** false when `prices` has no entry for the model: the cost is then reported as 0 */
  priced: boolean;
}

/**
 * Cost of `usage` at the configured price of `model` (USD per million tokens). Prices are looked
 * up by the exact model name the role is configured with, as `review.prices` keys them.
 */
export function estimateCost(model: string, usage: LlmUsage, prices: LlmPrices | undefined): CostEstimate {
  const price = prices !== undefined && Object.hasOwn(prices, model) ? prices[model] : undefined;
  if (price === undefined) return { usd: 0, priced: false };
  return { usd: (usage.input * price.input + usage.output * price.output) / 1_000_000, priced: true };
}
