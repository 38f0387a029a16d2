import { withCacheRates } from "../config/model-prices.js";
import type { LlmPrices, LlmUsage } from "./llm-port.js";

export { builtInPrices } from "../config/model-prices.js";

export interface CostEstimate {
  usd: number;
  /** false when `prices` has no entry for the model: the cost is then reported as 0 */
  priced: boolean;
}

/**
 * Cost of `usage` at the configured price of `model` (USD per million tokens): input served from
 * the prompt cache at the cached rate, input written to it at the write rate, the rest of the input
 * and the output (reasoning tokens included) at the list rates. Prices are looked up by the exact
 * model name the role is configured with, as `review.prices` keys them.
 */
export function estimateCost(model: string, usage: LlmUsage, prices: LlmPrices | undefined): CostEstimate {
  const listed = prices !== undefined && Object.hasOwn(prices, model) ? prices[model] : undefined;
  if (listed === undefined) return { usd: 0, priced: false };
  const price = withCacheRates(listed);
  const cached = usage.cachedInput ?? 0;
  const written = usage.cacheWrite ?? 0;
  const fresh = Math.max(0, usage.input - cached - written);
  const usd =
    (fresh * price.input + cached * price.cached_input + written * price.cache_write + usage.output * price.output) /
    1_000_000;
  return { usd, priced: true };
}
