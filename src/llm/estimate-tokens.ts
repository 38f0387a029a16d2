import type { LlmProvider } from "./llm-port.js";
import type { OutboundRequest } from "./provider-transport.js";
import { bpeCount, defaultEncoding, openAiEncodingOf } from "./tokenizer.js";

/** How a role's input tokens are counted before anything is sent: for the diff budget and the cost cap. */
export interface TokenCounter {
  /** tokens of `text` for this model */
  count(text: string): number;
  /** true when the count is the model's own tokenizer's (OpenAI models `gpt-tokenizer` knows) */
  readonly exact: boolean;
  /** how the count is made, for logs and the bench: `o200k_base`, `o200k_base × 1.35 (estimate)` */
  readonly method: string;
  /** tokens the vendor adds around the request: the tool-use system prompt, the response format */
  readonly requestOverhead: number;
}

/**
 * Anthropic publishes no offline tokenizer for current Claude models (`@anthropic-ai/tokenizer`
 * is Claude 2's), and its `count_tokens` endpoint is a network call per count, too slow to size
 * a 1,000-file diff hunk by hunk. Claude's input is therefore estimated as the `o200k_base` count
 * times a safety factor, erring high because the count guards a spending cap:
 * - Claude 2 to Claude 4.6 (Opus, Sonnet and Haiku 4 up to 4.6): their ~100k-token vocabulary
 *   splits text into 15–30% more tokens than `o200k_base` (code the most); factor 1.35.
 * - the tokenizer Anthropic introduced with Claude Opus 4.7 uses "roughly 1× to 1.35×" as many
 *   tokens as the previous one by Anthropic's migration notes, and up to ~1.47× on English and
 *   technical text by public measurements; 1.3 × 1.5 rounds up to factor 2. Every model not
 *   known to use the earlier tokenizer gets this factor, so a new model errs high, not low.
 * The provider's own usage figures, not this estimate, are what the review records as spent.
 */
export const anthropicSafetyFactor = { earlierTokenizer: 1.35, currentTokenizer: 2 } as const;

/** Claude models known to use the tokenizer from before Opus 4.7 (dated snapshots included). */
const earlierClaude = /^claude-(?:instant|2|3)|^claude-(?:opus|sonnet|haiku)-4(?:-[0-6])?(?:-\d{8})?$/;

/**
 * What Anthropic adds around a request whose output follows a JSON schema (the schema as a system
 * prompt, like the 313–346 tokens of its forced-tool prompt by its docs); rounded up.
 */
const anthropicToolOverhead = 350;
/** Chat Completions' structured-output wrapper around the schema, beyond the schema text. */
const openAiFormatOverhead = 20;
/** Per-message framing (role markers, separators) every chat format adds. */
const messageOverhead = 4;

/** The counter for a role's model: exact for OpenAI, a documented conservative estimate for Anthropic. */
export function tokenCounterFor(role: { provider: LlmProvider; model: string }): TokenCounter {
  if (role.provider === "anthropic") {
    const factor = earlierClaude.test(role.model)
      ? anthropicSafetyFactor.earlierTokenizer
      : anthropicSafetyFactor.currentTokenizer;
    return {
      count: (text) => Math.ceil(bpeCount(text) * factor),
      exact: false,
      method: `${defaultEncoding} × ${factor} (estimate: no offline tokenizer for ${role.model})`,
      requestOverhead: anthropicToolOverhead,
    };
  }
  // OpenAI and the scripted stand-in: the scripted port bills what an OpenAI model would
  const { encoding, known } =
    role.provider === "openai" ? openAiEncodingOf(role.model) : { encoding: defaultEncoding, known: false };
  return {
    count: (text) => bpeCount(text, encoding),
    exact: known,
    method: known ? encoding : `${encoding} (\`${role.model}\` is not in gpt-tokenizer's catalog)`,
    requestOverhead: openAiFormatOverhead,
  };
}

/**
 * A count that is safe for any model a role may be configured with: the `o200k_base` count at
 * the largest Anthropic factor. For callers that do not know the model; prefer `tokenCounterFor`.
 */
export const conservativeCounter: TokenCounter = {
  count: (text) => Math.ceil(bpeCount(text) * anthropicSafetyFactor.currentTokenizer),
  exact: false,
  method: `${defaultEncoding} × ${anthropicSafetyFactor.currentTokenizer} (safe for every supported model)`,
  requestOverhead: anthropicToolOverhead,
};

/** `conservativeCounter.count`: tokens of `text` for whichever model reads it, erring high. */
export function estimateTokens(text: string): number {
  return conservativeCounter.count(text);
}

/** Input tokens of a whole request: system prompt, messages, the answer's JSON Schema and the vendor's framing. */
export function estimateRequestTokens(request: OutboundRequest, counter: TokenCounter = conservativeCounter): number {
  let tokens = counter.count(request.system) + messageOverhead;
  for (const message of request.messages) tokens += counter.count(message.content) + messageOverhead;
  tokens +=
    counter.count(JSON.stringify(request.jsonSchema)) + counter.count(request.schemaName) + counter.requestOverhead;
  return tokens;
}
