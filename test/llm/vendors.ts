import {
  createAnthropicPort,
  createOpenAiPort,
  type CallPolicy,
  type LlmPort,
  type ReasoningEffort,
} from "../../src/llm/index.js";
import {
  ANTHROPIC_URL,
  OPENAI_URL,
  anthropicError,
  anthropicText,
  anthropicJson,
  openAiCompletion,
  openAiError,
} from "./vendor-fakes.js";

/** What differs between the two vendors in the shared scenarios: URLs, models and body shapes. */
export interface Vendor {
  name: "anthropic" | "openai";
  url: string;
  path: string;
  model: string;
  baseUrlVariable: string;
  makePort(policy: Partial<CallPolicy> & { baseURL?: string; effort?: ReasoningEffort }): LlmPort;
  /** a good answer carrying `value`, billed `usage` tokens */
  answer(value: unknown, usage?: [number, number]): object;
  /** an answer with nothing to parse: content that is not JSON */
  garbled(text: string): object;
  refusal(): object;
  rateLimited(): { status: number; body: object; headers: Record<string, string>; expectedWaitMs: number };
  serverError(): { status: number; body: object };
  unauthorized(): { status: number; body: object };
  /** the answer as the request body of a repair carries it in its assistant turn */
  echoed(value: unknown): string;
}

const basePolicy = { timeoutMs: 5_000, retries: 2 };

export const vendors: Vendor[] = [
  {
    name: "anthropic",
    url: ANTHROPIC_URL,
    path: "/v1/messages",
    model: "claude-sonnet-5-5",
    baseUrlVariable: "ANTHROPIC_BASE_URL",
    makePort: (policy) =>
      createAnthropicPort({ ...basePolicy, model: "claude-sonnet-5-5", apiKey: "test-key", ...policy }),
    answer: (value, usage = [1_200, 80]) => anthropicJson(value, { input_tokens: usage[0], output_tokens: usage[1] }),
    garbled: (text) => anthropicText(text),
    refusal: () =>
      anthropicText("", "refusal", {
        type: "refusal",
        category: "cyber",
        explanation: "The request could enable malware development.",
      }),
    rateLimited: () => ({
      status: 429,
      body: anthropicError("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"),
      headers: { "retry-after": "7", "anthropic-ratelimit-input-tokens-remaining": "0" },
      expectedWaitMs: 7_000,
    }),
    serverError: () => ({ status: 500, body: anthropicError("api_error", "Internal server error") }),
    unauthorized: () => ({ status: 401, body: anthropicError("authentication_error", "invalid x-api-key") }),
    echoed: (value) => JSON.stringify(value),
  },
  {
    name: "openai",
    url: OPENAI_URL,
    path: "/v1/chat/completions",
    model: "gpt-5.6-terra",
    baseUrlVariable: "OPENAI_BASE_URL",
    makePort: (policy) => createOpenAiPort({ ...basePolicy, model: "gpt-5.6-terra", apiKey: "test-key", ...policy }),
    answer: (value, usage = [1_100, 60]) => openAiCompletion(JSON.stringify(value), { usage }),
    garbled: (text) => openAiCompletion(text),
    refusal: () => openAiCompletion(null, { refusal: "I'm sorry, I can't help with that request." }),
    rateLimited: () => ({
      status: 429,
      body: openAiError(
        "Rate limit reached for gpt-5 on tokens per min (TPM): Limit 30000, Used 30000.",
        "tokens",
        "rate_limit_exceeded",
      ),
      headers: { "retry-after-ms": "1500", "retry-after": "2", "x-ratelimit-remaining-tokens": "0" },
      expectedWaitMs: 1_500,
    }),
    serverError: () => ({
      status: 500,
      body: openAiError(
        "The server had an error while processing your request. Sorry about that!",
        "server_error",
        null,
      ),
    }),
    unauthorized: () => ({
      status: 401,
      body: openAiError("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"),
    }),
    echoed: (value) => JSON.stringify(value),
  },
];

export { ANTHROPIC_URL, OPENAI_URL };
