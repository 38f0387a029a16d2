import Anthropic, { APIConnectionTimeoutError, APIError } from "@anthropic-ai/sdk";
import type { Message, Tool } from "@anthropic-ai/sdk/resources/messages/messages.js";
import { describeProviderError } from "./describe-provider-error.js";
import type { LlmPort } from "./llm-port.js";
import type { OutboundRequest, ProviderTransport, TransportFailure, TransportReply } from "./provider-transport.js";
import { StructuredPort, type VendorPortOptions } from "./structured-port.js";

export type AnthropicPortOptions = VendorPortOptions;

/**
 * Claude through the Messages API. Structured output is one forced tool whose `input_schema` is
 * the answer's JSON Schema (`tool_choice: {type: "tool"}`), so the answer is the tool call's input.
 */
export function createAnthropicPort(options: AnthropicPortOptions): LlmPort {
  return new StructuredPort(new AnthropicTransport(options), options);
}

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
    const tool: Tool = {
      name: request.schemaName,
      description: `Record your answer. Its input is the whole answer, as the schema describes.`,
      input_schema: request.jsonSchema as Tool.InputSchema,
    };
    let message: Message;
    try {
      message = await this.#client.messages.create(
        {
          model: this.model,
          max_tokens: request.maxOutputTokens,
          system: request.system,
          messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
          tools: [tool],
          tool_choice: { type: "tool", name: request.schemaName, disable_parallel_tool_use: true },
        },
        { signal },
      );
    } catch (error) {
      return failureOf(error);
    }
    return readMessage(message, request.schemaName);
  }
}

function readMessage(message: Message, schemaName: string): TransportReply {
  const usage = {
    input: message.usage.input_tokens + (message.usage.cache_creation_input_tokens ?? 0) + (message.usage.cache_read_input_tokens ?? 0),
    output: message.usage.output_tokens,
  };
  const text = message.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join("\n");
  if (message.stop_reason === "refusal") {
    const { category, explanation } = message.stop_details ?? {};
    const detail = [category ? ` (${category})` : "", explanation ? `: ${explanation}` : ""].join("");
    return { kind: "unusable", reason: `the model refused${detail}`, text, usage };
  }
  const call = message.content.find((block) => block.type === "tool_use" && block.name === schemaName);
  if (call === undefined || call.type !== "tool_use") {
    return { kind: "unusable", reason: `the answer did not call the \`${schemaName}\` tool`, text, usage };
  }
  const input = JSON.stringify(call.input ?? null);
  if (message.stop_reason === "max_tokens") {
    return { kind: "unusable", reason: "the answer was cut off at the output token limit", text: input, usage };
  }
  return { kind: "structured", value: call.input, text: input, usage };
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
