/**
 * USD per million tokens for one model. `cached_input` is what a prompt-cache hit costs
 * (Anthropic's cache reads, OpenAI's cached input); `cache_write` what writing the cache costs
 * (Anthropic's 5-minute cache writes; OpenAI bills none, so its entries have cache_write = input).
 */
export interface ModelPrice {
  input: number;
  output: number;
  cached_input?: number | undefined;
  cache_write?: number | undefined;
}

/**
 * The list prices of the models the installed SDKs name, for standard (not batch, not priority)
 * use and prompts under the long-context threshold, as the vendors publish them (checked
 * 2026-12-05: platform.claude.com model pages and pricing; OpenAI's pricing page and the GPT-5.6
 * announcement). `review.prices` overrides any of them and prices every other model; a role
 * whose model is priced nowhere is refused by `autopilot config validate`, because the cost cap
 * could not stop it.
 */
export const builtInPrices: Readonly<Record<string, ModelPrice>> = {
  "claude-sonnet-5-5": { input: 2, output: 10, cached_input: 0.2, cache_write: 2.5 },
  "claude-sonnet-5": { input: 2, output: 10, cached_input: 0.2, cache_write: 2.5 },
  "claude-sonnet-4-6": { input: 3, output: 15, cached_input: 0.3, cache_write: 3.75 },
  "claude-sonnet-4-5": { input: 3, output: 15, cached_input: 0.3, cache_write: 3.75 },
  "claude-opus-5": { input: 5, output: 25, cached_input: 0.5, cache_write: 6.25 },
  "claude-opus-4-6": { input: 5, output: 25, cached_input: 0.5, cache_write: 6.25 },
  "claude-haiku-4-5": { input: 1, output: 5, cached_input: 0.1, cache_write: 1.25 },
  "gpt-5.6-sol": { input: 5, output: 30, cached_input: 0.5, cache_write: 5 },
  "gpt-5.6-terra": { input: 2.5, output: 15, cached_input: 0.25, cache_write: 2.5 },
  "gpt-5.6-luna": { input: 1, output: 6, cached_input: 0.1, cache_write: 1 },
  "gpt-5": { input: 1.25, output: 10, cached_input: 0.125, cache_write: 1.25 },
  "gpt-5-mini": { input: 0.25, output: 2, cached_input: 0.025, cache_write: 0.25 },
};

/** A price `review.prices` gives without cache rates: a cache hit at a tenth, a write at 1.25× (the dearer vendor's). */
export function withCacheRates(price: ModelPrice): Required<ModelPrice> {
  return {
    ...price,
    cached_input: price.cached_input ?? price.input / 10,
    cache_write: price.cache_write ?? price.input * 1.25,
  };
}
