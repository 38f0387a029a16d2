import { describeProviderError } from "./describe-provider-error.js";
import { estimateRequestTokens, tokenCounterFor, type TokenCounter } from "./estimate-tokens.js";
import type { LlmPort, LlmResult, StructuredCall } from "./llm-port.js";
import type { OutboundRequest, ProviderTransport, TransportReply } from "./provider-transport.js";
import { StructuredPort, type CallPolicy } from "./structured-port.js";

/** One canned answer: what a real provider could have sent back. */
export type ScriptedAnswer =
  /** a structured answer: the tool input or the parsed JSON, checked by the caller's schema */
  | { output: unknown }
  /** raw text the port reads as JSON, as it reads OpenAI's message content (malformed if it is not) */
  | { text: string }
  | { refusal: string }
  /** no answer: an HTTP status (with its `retry-after-ms`), or a timeout, or a dropped connection */
  | { failure: { status?: number; retryAfterMs?: number; timeout?: boolean; message?: string } };

/** A queue of answers taken in order, or a function of the (redacted) request and its index. */
export type ScriptedAnswers =
  | readonly ScriptedAnswer[]
  | ((request: OutboundRequest, index: number) => ScriptedAnswer | Promise<ScriptedAnswer>);

export interface ScriptedPortOptions extends CallPolicy {
  /** default `scripted` */
  model?: string | undefined;
  answers: ScriptedAnswers;
}

/** A port that answers from a script; it still redacts, budgets, parses and repairs like the others. */
export interface ScriptedLlmPort extends LlmPort {
  readonly scripted: true;
  /** every request as it would have gone out, redacted: what a test or the demo can inspect */
  readonly requests: readonly OutboundRequest[];
}

/**
 * The `scripted` provider, for the sandbox demo and tests: no network, answers from canned
 * outputs given at construction. Tokens are counted as an OpenAI model would bill them
 * (`o200k_base`), so budgets and costs behave as with a real provider.
 */
export function createScriptedPort(options: ScriptedPortOptions): ScriptedLlmPort {
  const transport = new ScriptedTransport(options.model ?? "scripted", options.answers);
  const port = new StructuredPort(transport, options);
  return {
    scripted: true,
    provider: "scripted",
    model: transport.model,
    get requests() {
      return transport.requests;
    },
    call: <T>(request: StructuredCall<T>): Promise<LlmResult<T>> => port.call(request),
  };
}

class ScriptedTransport implements ProviderTransport {
  readonly provider = "scripted" as const;
  readonly model: string;
  readonly requests: OutboundRequest[] = [];
  readonly #answers: ScriptedAnswers;
  readonly #counter: TokenCounter;

  constructor(model: string, answers: ScriptedAnswers) {
    this.model = model;
    this.#answers = answers;
    this.#counter = tokenCounterFor({ provider: "scripted", model });
  }

  async send(request: OutboundRequest): Promise<TransportReply> {
    const index = this.requests.length;
    this.requests.push(request);
    const answer = typeof this.#answers === "function" ? await this.#answers(request, index) : this.#answers[index];
    if (answer === undefined) {
      return {
        kind: "failure",
        reason: `scripted: no answer left for request ${index + 1}`,
        retryable: false,
        timedOut: false,
      };
    }
    const input = estimateRequestTokens(request, this.#counter);
    const count = this.#counter.count;
    if ("failure" in answer) {
      const { status, retryAfterMs, timeout, message } = answer.failure;
      const headers = new Headers(retryAfterMs !== undefined ? { "retry-after-ms": String(retryAfterMs) } : {});
      return describeProviderError({
        provider: "scripted",
        status,
        headers,
        message: message ?? "scripted failure",
        timedOut: timeout === true,
      });
    }
    if ("refusal" in answer) {
      return {
        kind: "unusable",
        reason: `the model refused: ${answer.refusal}`,
        text: answer.refusal,
        usage: { input, output: count(answer.refusal) },
      };
    }
    if ("text" in answer) {
      const usage = { input, output: count(answer.text) };
      try {
        return { kind: "structured", value: JSON.parse(answer.text) as unknown, text: answer.text, usage };
      } catch (error) {
        return {
          kind: "unusable",
          reason: `the answer is not JSON (${(error as Error).message})`,
          text: answer.text,
          usage,
        };
      }
    }
    const text = JSON.stringify(answer.output ?? null);
    return { kind: "structured", value: answer.output, text, usage: { input, output: count(text) } };
  }
}
