import { setTimeout as delay } from "node:timers/promises";
import { checkStructuredOutput, repairMessages } from "./check-structured-output.js";
import { estimateCost } from "./estimate-cost.js";
import { estimateRequestTokens, tokenCounterFor, type TokenCounter } from "./estimate-tokens.js";
import type {
  LlmCallReport,
  LlmLogger,
  LlmPort,
  LlmPrices,
  LlmResult,
  LlmUsage,
  ReasoningEffort,
  StructuredCall,
} from "./llm-port.js";
import type { OutboundRequest, ProviderTransport, TransportFailure } from "./provider-transport.js";
import { redactForLog, redactRequest } from "./redact-request.js";
import { defaultBackoff, type BackoffPolicy } from "./retry-delay.js";
import { sendWithRetries, type RetryPolicy } from "./send-with-retries.js";

/** How every port calls its provider; `review.*` in the config gives the numbers. */
export interface CallPolicy {
  prices?: LlmPrices | undefined;
  timeoutMs: number;
  retries: number;
  /** injected by tests to observe the waits without waiting */
  sleep?: ((ms: number) => Promise<void>) | undefined;
  backoff?: BackoffPolicy | undefined;
  /** default 60 s: a longer `retry-after` means the quota is gone, so the call ends as `error` */
  maxRetryAfterMs?: number | undefined;
  log?: LlmLogger | undefined;
}

/** What a vendor port needs besides the call policy: the model, the key, where the API is. */
export interface VendorPortOptions extends CallPolicy {
  model: string;
  /** the role's `effort`; absent: the provider's default */
  effort?: ReasoningEffort | undefined;
  apiKey: string;
  /** default: the vendor's base-URL variable (`ANTHROPIC_BASE_URL`, `OPENAI_BASE_URL`), else its API */
  baseURL?: string | undefined;
  fetch?: typeof fetch | undefined;
}

type Failure = Extract<LlmResult<never>, { ok: false }>;

/**
 * The shared half of every port, wrapped around a vendor transport: redacts every string of the
 * request, refuses a call the remaining budget cannot pay for, sends with retries and a timeout,
 * parses the answer with the caller's zod schema, repairs a malformed answer once, and reports
 * tokens, cost, latency and outcome. Transports only ever see the redacted request.
 */
export class StructuredPort implements LlmPort {
  readonly #transport: ProviderTransport;
  readonly #policy: CallPolicy;
  readonly #retry: RetryPolicy;
  /** sizes a request before it is sent, for the cost cap: exact for OpenAI, erring high for Anthropic */
  readonly #counter: TokenCounter;
  readonly #effort: ReasoningEffort | undefined;

  /** the output cap of the one retry after an answer cut off at the cap: twice the call's */
  static readonly longerAnswerFactor = 2;

  constructor(transport: ProviderTransport, policy: CallPolicy & { effort?: ReasoningEffort | undefined }) {
    this.#transport = transport;
    this.#policy = policy;
    this.#counter = tokenCounterFor(transport);
    this.#effort = policy.effort;
    this.#retry = {
      retries: policy.retries,
      timeoutMs: policy.timeoutMs,
      sleep: policy.sleep ?? ((ms) => delay(ms).then(() => undefined)),
      backoff: policy.backoff ?? defaultBackoff,
      maxRetryAfterMs: policy.maxRetryAfterMs ?? 60_000,
      log: policy.log,
    };
  }

  get provider() {
    return this.#transport.provider;
  }

  get model(): string {
    return this.#transport.model;
  }

  async call<T>(call: StructuredCall<T>): Promise<LlmResult<T>> {
    const started = performance.now();
    const usage: Required<LlmUsage> = { input: 0, output: 0, cachedInput: 0, cacheWrite: 0 };
    let attempts = 0;
    let redactions = 0;
    const report = (): LlmCallReport => {
      const cost = estimateCost(this.model, usage, this.#policy.prices);
      const latencyMs = Math.round(performance.now() - started);
      const spent: LlmUsage = { input: usage.input, output: usage.output };
      if (usage.cachedInput > 0) spent.cachedInput = usage.cachedInput;
      if (usage.cacheWrite > 0) spent.cacheWrite = usage.cacheWrite;
      return {
        provider: this.provider,
        model: this.model,
        usage: spent,
        costUsd: cost.usd,
        priced: cost.priced,
        latencyMs,
        attempts,
        redactions,
      };
    };
    const fail = (outcome: Failure["outcome"], reason: string): LlmResult<T> =>
      this.#logged(call, { ...report(), ok: false, outcome, reason: redactForLog(reason, 2_000) });

    let messages = call.messages;
    let maxOutputTokens = call.maxOutputTokens;
    /** what the second pass is: a repair of an unusable answer, or the same request with a larger output cap */
    let second: "repair" | "larger cap" = "repair";
    for (const pass of ["first", "second"] as const) {
      const redacted = redactRequest({ ...call, messages, maxOutputTokens });
      const request: OutboundRequest =
        this.#effort === undefined ? redacted.request : { ...redacted.request, effort: this.#effort };
      // the second pass resends the first request's text, so its count already includes the first's
      redactions = Math.max(redactions, redacted.redactions);
      const inputEstimate = estimateRequestTokens(request, this.#counter);
      const what =
        pass === "first"
          ? "this call"
          : second === "repair"
            ? "the repair of this call"
            : "the retry of this call with a larger output cap";
      // checked before every try, retries included: each may be billed
      const beforeTry = (): string | undefined => {
        if (call.remainingBudgetUsd === undefined) return undefined;
        const worstCase = estimateCost(
          this.model,
          { input: inputEstimate, output: maxOutputTokens },
          this.#policy.prices,
        );
        const spent = estimateCost(this.model, usage, this.#policy.prices).usd;
        if (spent + worstCase.usd <= call.remainingBudgetUsd) return undefined;
        return `${what} may cost up to $${worstCase.usd.toFixed(4)}, more than the $${Math.max(0, call.remainingBudgetUsd - spent).toFixed(4)} left of the review budget`;
      };
      // no answer, but the provider may have read the prompt and written the answer: count both
      const afterFailedTry = (failure: TransportFailure): void => {
        if (!mayHaveBeenBilled(failure)) return;
        usage.input += inputEstimate;
        usage.output += maxOutputTokens;
      };
      const sent = await sendWithRetries(this.#transport, request, this.#retry, { beforeTry, afterFailedTry });
      attempts += sent.attempts;
      if ("refused" in sent) return fail("over_budget", sent.refused);
      if ("failure" in sent) return fail(sent.failure.timedOut ? "timeout" : "error", sent.failure.reason);
      addUsage(usage, sent.answer.usage);
      const checked = checkStructuredOutput(sent.answer, call.parse);
      if (checked.ok)
        return this.#logged(call, {
          ...report(),
          ok: true,
          value: checked.value,
          outcome: pass === "first" ? "ok" : "repaired",
        });
      if (pass === "second")
        return fail(
          "malformed",
          `still unusable after ${second === "repair" ? "one repair" : "one retry with twice the output cap"}: ${checked.reason}`,
        );
      if (sent.answer.kind === "unusable" && sent.answer.truncated) {
        // cut off at the cap (reasoning tokens count against it): the same request with room to finish
        maxOutputTokens = call.maxOutputTokens * StructuredPort.longerAnswerFactor;
        second = "larger cap";
        this.#policy.log?.debug(
          { role: call.role, provider: this.provider, model: this.model, max_output_tokens: maxOutputTokens },
          "llm answer cut off at its cap; asking once more with a larger one",
        );
        continue;
      }
      this.#policy.log?.debug(
        { role: call.role, provider: this.provider, model: this.model, reason: redactForLog(checked.reason) },
        "llm answer unusable; asking once for a repair",
      );
      messages = repairMessages(call.messages, sent.answer, checked.reason, call.schemaName);
    }
    throw new Error("autopilot: unreachable: the second pass always returns");
  }

  /** One log line per call: what it cost and how it ended, never the prompt. */
  #logged<T>(call: StructuredCall<T>, result: LlmResult<T>): LlmResult<T> {
    const fields = {
      role: call.role,
      provider: result.provider,
      model: result.model,
      outcome: result.outcome,
      input_tokens: result.usage.input,
      output_tokens: result.usage.output,
      cost_usd: result.costUsd,
      priced: result.priced,
      latency_ms: result.latencyMs,
      attempts: result.attempts,
      redactions: result.redactions,
    };
    if (result.ok) this.#policy.log?.info(fields, "llm call finished");
    else this.#policy.log?.warn({ ...fields, reason: result.reason }, "llm call failed");
    return result;
  }
}

/** A try without an answer that the provider may still have processed: it timed out or the connection dropped. */
function mayHaveBeenBilled(failure: TransportFailure): boolean {
  return failure.timedOut || failure.status === undefined;
}

function addUsage(total: Required<LlmUsage>, more: LlmUsage): void {
  total.input += more.input;
  total.output += more.output;
  total.cachedInput += more.cachedInput ?? 0;
  total.cacheWrite += more.cacheWrite ?? 0;
}
