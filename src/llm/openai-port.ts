import OpenAI, { APIConnectionTimeoutError, APIError } from "openai";
import type { ChatCompletion } from "openai/resources/chat/completions/completions.js";
import { describeProviderError } from "./describe-provider-error.js";
import type { LlmPort } from "./llm-port.js";
import type { OutboundRequest, ProviderTransport, TransportFailure, TransportReply } from "./provider-transport.js";
import { StructuredPort, type VendorPortOptions } from "./structured-port.js";

export type OpenAiPortOptions = VendorPortOptions;

/**
 * GPT through Chat Completions with Structured Outputs: `response_format` carries the answer's
 * JSON Schema in strict mode, and the message content is the answer as JSON text. Chat
 * Completions rather than Responses because every OpenAI-compatible gateway a base URL may point
 * at serves it.
 */
export function createOpenAiPort(options: OpenAiPortOptions): LlmPort {
  return new StructuredPort(new OpenAiTransport(options), options);
}

class OpenAiTransport implements ProviderTransport {
  readonly provider = "openai" as const;
  readonly model: string;
  readonly #client: OpenAI;

  constructor(options: OpenAiPortOptions) {
    this.model = options.model;
    this.#client = new OpenAI({
      apiKey: options.apiKey,
      // undefined lets the SDK read OPENAI_BASE_URL itself
      baseURL: options.baseURL,
      // the port's retry policy is the only one: it honours retry-after and tests can observe it
      maxRetries: 0,
      timeout: options.timeoutMs,
      fetch: options.fetch,
      logLevel: "off",
    });
  }

  async send(request: OutboundRequest, signal: AbortSignal): Promise<TransportReply> {
    let completion: ChatCompletion;
    try {
      completion = await this.#client.chat.completions.create(
        {
          model: this.model,
          max_completion_tokens: request.maxOutputTokens,
          ...(request.effort ? { reasoning_effort: request.effort } : {}),
          // one cache key per answer shape: the review's calls of one kind share their prefix
          prompt_cache_key: `autopilot-${request.schemaName}`,
          messages: [
            { role: "system", content: request.system },
            ...request.messages.map((m) => ({ role: m.role, content: m.content })),
          ],
          response_format: {
            type: "json_schema",
            json_schema: { name: request.schemaName, schema: request.jsonSchema, strict: true },
          },
        },
        { signal },
      );
    } catch (error) {
      return failureOf(error);
    }
    return readCompletion(completion);
  }
}

function readCompletion(completion: ChatCompletion): TransportReply {
  const cachedInput = completion.usage?.prompt_tokens_details?.cached_tokens ?? 0;
  // completion_tokens includes the reasoning tokens: billed as output
  const usage = {
    input: completion.usage?.prompt_tokens ?? 0,
    output: completion.usage?.completion_tokens ?? 0,
    cachedInput,
  };
  const choice = completion.choices[0];
  if (choice === undefined) return { kind: "unusable", reason: "the response had no choices", text: "", usage };
  const { message, finish_reason: finish } = choice;
  const text = message.content ?? "";
  if (typeof message.refusal === "string" && message.refusal !== "") {
    return { kind: "unusable", reason: `the model refused: ${message.refusal}`, text: message.refusal, usage };
  }
  if (finish === "length")
    return {
      kind: "unusable",
      reason: "the answer was cut off at the output token limit",
      text,
      usage,
      truncated: true,
    };
  if (finish === "content_filter")
    return { kind: "unusable", reason: "the answer was withheld by the content filter", text, usage };
  if (text.trim() === "") return { kind: "unusable", reason: "the answer was empty", text, usage };
  try {
    return { kind: "structured", value: JSON.parse(text) as unknown, text, usage };
  } catch (error) {
    return { kind: "unusable", reason: `the answer is not JSON (${(error as Error).message})`, text, usage };
  }
}

/** SDK errors read into the port's terms; anything else is a bug and propagates. */
function failureOf(error: unknown): TransportFailure {
  if (!(error instanceof APIError)) throw error;
  return describeProviderError({
    provider: "openai",
    status: error.status,
    headers: error.headers,
    message: error.message,
    timedOut: error instanceof APIConnectionTimeoutError,
  });
}
