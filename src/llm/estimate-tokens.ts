import type { OutboundRequest } from "./provider-transport.js";

/**
 * A token count estimate for budgeting, without a tokenizer: no maintained tokenizer package
 * (`gpt-tokenizer`, `js-tiktoken`, `@anthropic-ai/tokenizer`) is a dependency, and Anthropic
 * publishes no tokenizer for its current models anyway, so an exact count is not to be had for
 * both vendors. The estimate follows how BPE tokenizers split text, and errs high rather than
 * low, since it guards a spending cap:
 * - a run of letters: one token per 4 letters started (common words are one token, long
 *   identifiers split);
 * - a run of digits: one token per 3 digits started (OpenAI's encoders chunk numbers by 3);
 * - a single space is free (it is merged into the following word); longer whitespace, such as
 *   indentation and blank lines, one token per 4 characters started;
 * - any other character, punctuation or non-Latin script: one token each.
 * Plain English comes out near the familiar "characters / 4"; code and CJK text, which
 * tokenize densely, come out higher, as they should.
 */
export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const [piece] of text.matchAll(/[A-Za-z]+|[0-9]+|\s+|[^A-Za-z0-9\s]/gu)) {
    const first = piece.charCodeAt(0);
    if (isLetter(first)) tokens += Math.ceil(piece.length / 4);
    else if (first >= 48 && first <= 57) tokens += Math.ceil(piece.length / 3);
    else if (/^\s/u.test(piece)) tokens += piece === " " ? 0 : Math.ceil(piece.length / 4);
    else tokens += 1;
  }
  return tokens;
}

const isLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** per-message framing (role markers, separators) that every chat format adds */
const MESSAGE_OVERHEAD = 4;
/** tool or response-format wrapper around the schema, beyond the schema text itself */
const SCHEMA_OVERHEAD = 20;

/** Input tokens of a whole request: system prompt, messages and the answer's JSON Schema. */
export function estimateRequestTokens(request: OutboundRequest): number {
  let tokens = estimateTokens(request.system) + MESSAGE_OVERHEAD;
  for (const message of request.messages) tokens += estimateTokens(message.content) + MESSAGE_OVERHEAD;
  tokens += estimateTokens(JSON.stringify(request.jsonSchema)) + estimateTokens(request.schemaName) + SCHEMA_OVERHEAD;
  return tokens;
}
