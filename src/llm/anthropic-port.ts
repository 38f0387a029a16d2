import Anthropic, { APIConnectionTimeoutError, APIError } from "@anthropic-ai/sdk";
import type { Message, MessageParam } from "@anthropic-ai/sdk/resources/messages/messages.js";
import { describeProviderError } from "./describe-provider-error.js";
import type { LlmPort } from "./llm-port.js";
import type { OutboundRequest, ProviderTransport, TransportFailure, TransportReply } from "./provider-transport.js";
import { StructuredPort, type VendorPortOptions } from "./structured-port.js";

export type AnthropicPortOptions = VendorPortOptions;

/**
 * Claude through the Messages API with structured outputs: `output_config.format` carries the
 * answer's JSON Schema and the answer is the text of the reply (a forced tool, the older way, is
 * refused by current models). The system prompt and every message marked `cachePrefix` end a
 * `cache_control` breakpoint, so a stable prefix is read from the prompt cache on the next call.
 */
export function createAnthropicPort(options: AnthropicPortOptions): LlmPort {
  return new StructuredPort(new AnthropicTransport(options), options);
}

/** Anthropic allows four cache breakpoints per request; the system prompt takes one. */
const maxBreakpoints = 4;
const ephemeral = { type: "ephemeral" } as const;

class AnthropicTransport implements ProviderTransport {
  readonly provider = "anthropic" as const;
  readonly model: string;
  readonly #client: Anthropic;

  constructor(options: AnthropicPortOptions) {
    this.model = options.model;
    this.#client = new Anthropic({
      apiKey: options.apiKey,
      // undefined lets the SDK read ANTHROPIC_BASE_URL itself
      baseURL: options.baseURL,
      // the port's retry policy is the only one: it honours retry-after and tests can observe it
      maxRetries: 0,
      timeout: options.timeoutMs,
      fetch: options.fetch,
      logLevel: "off",
      openTelemetry: false,
    });
  }

  async send(request: OutboundRequest, signal: AbortSignal): Promise<TransportReply> {
    let message: Message;
    try {
      message = await this.#client.messages.create(
        {
          model: this.model,
          max_tokens: request.maxOutputTokens,
          system: [{ type: "text", text: request.system, cache_control: ephemeral }],
          messages: messagesWithBreakpoints(request),
          output_config: {
            format: { type: "json_schema", schema: request.jsonSchema },
            ...(request.effort ? { effort: request.effort } : {}),
          },
        },
        { signal },
      );
    } catch (error) {
      return failureOf(error);
    }
    return readMessage(message);
  }
}

/** The messages, the last stable ones (`cachePrefix`) ending a cache breakpoint each. */
function messagesWithBreakpoints(request: OutboundRequest): MessageParam[] {
  const marked = request.messages
    .flatMap((message, index) => (message.cachePrefix ? [index] : []))
    .slice(-(maxBreakpoints - 1));
  return request.messages.map((message, index) => ({
    role: message.role,
    content: marked.includes(index)
      ? [{ type: "text", text: message.content, cache_control: ephemeral }]
      : message.content,
  }));
}

function readMessage(message: Message): TransportReply {
  const cachedInput = message.usage.cache_read_input_tokens ?? 0;
  const cacheWrite = message.usage.cache_creation_input_tokens ?? 0;
  const usage = {
    input: message.usage.input_tokens + cachedInput + cacheWrite,
    output: message.usage.output_tokens,
    cachedInput,
    cacheWrite,
  };
  const text = message.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join("");
  if (message.stop_reason === "refusal") {
    const { category, explanation } = message.stop_details ?? {};
    const detail = [category ? ` (${category})` : "", explanation ? `: ${explanation}` : ""].join("");
    return { kind: "unusable", reason: `the model refused${detail}`, text, usage };
  }
  if (message.stop_reason === "max_tokens") {
    return {
      kind: "unusable",
      reason: "the answer was cut off at the output token limit",
      text,
      usage,
      truncated: true,
    };
  }
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
    provider: "anthropic",
    status: error.status,
    headers: error.headers,
    message: error.message,
    timedOut: error instanceof APIConnectionTimeoutError,
  });
}
