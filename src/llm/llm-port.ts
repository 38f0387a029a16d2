import type { ModelPrice } from "../config/model-prices.js";
import type { LlmProvider, ReasoningEffort } from "../config/review-schema.js";

export type { LlmProvider, ReasoningEffort };

/** The review's model calls, as `ops/model-decisions.jsonl` records them. */
export type LlmRole = "assistant_manager" | "manager" | "tie_break" | "ask";

export interface LlmMessage {
  role: "user" | "assistant";
  content: string;
  /**
   * The prompt up to the end of this message (system prompt included) is a stable prefix: the
   * next calls start with the same text, so the provider may cache it (Anthropic: a
   * `cache_control` breakpoint here; OpenAI caches a repeated prefix by itself).
   */
  cachePrefix?: boolean;
}

/**
 * One model call whose answer must be a JSON object of a known schema. The port redacts every
 * string of it before any SDK sees it, so callers pass untrusted text as it is.
 */
export interface StructuredCall<T> {
  role: LlmRole;
  system: string;
  messages: LlmMessage[];
  /** name of the response format (OpenAI) and the cache key; the answer's kind: `[A-Za-z0-9_-]{1,64}` */
  schemaName: string;
  /** JSON Schema of the answer, an object schema (OpenAI strict mode: every property required, no additional ones) */
  jsonSchema: Record<string, unknown>;
  /** zod parse of the answer; throws when it does not fit */
  parse: (value: unknown) => T;
  maxOutputTokens: number;
  /** USD the review may still spend; a call whose estimated cost exceeds it is not sent */
  remainingBudgetUsd?: number;
}

/**
 * Tokens the provider billed (or, for the scripted port, estimated), summed over every try. A try
 * that got no answer (a timeout, a dropped connection) counts its request's estimated input and its
 * whole output cap: the provider may have processed and billed it, and the caps must not undercount.
 */
export interface LlmUsage {
  /** every input token, those served from or written to the prompt cache included */
  input: number;
  output: number;
  /** of `input`, the tokens served from the prompt cache (billed at the cached rate) */
  cachedInput?: number;
  /** of `input`, the tokens written to the prompt cache (Anthropic bills them at a premium) */
  cacheWrite?: number;
}

/** What every result reports, whatever its outcome: enough for one `ops/model-decisions.jsonl` line. */
export interface LlmCallReport {
  provider: LlmProvider;
  model: string;
  usage: LlmUsage;
  /** estimate from the configured per-model prices; 0 when the model has no price */
  costUsd: number;
  /** false when no price is configured for the model, so `costUsd` means nothing */
  priced: boolean;
  latencyMs: number;
  /** HTTP requests made (retries and the repair included) */
  attempts: number;
  /** secrets replaced by `[REDACTED:<rule>]` in what was sent */
  redactions: number;
}

export type LlmResult<T> =
  | (LlmCallReport & { ok: true; value: T; outcome: "ok" | "repaired" })
  | (LlmCallReport & { ok: false; reason: string; outcome: "malformed" | "error" | "timeout" | "over_budget" });

export type LlmOutcome = LlmResult<unknown>["outcome"];

/** A model of one vendor, answering structured calls. Never throws for provider trouble: see `outcome`. */
export interface LlmPort {
  readonly provider: LlmProvider;
  readonly model: string;
  call<T>(request: StructuredCall<T>): Promise<LlmResult<T>>;
}

/** Per-model prices in USD per million tokens, as `review.prices` configures them. */
export type LlmPrices = Readonly<Record<string, ModelPrice>>;

/** pino's method signature; `app.log` and `context.log` fit. */
export interface LlmLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  debug(fields: Record<string, unknown>, message: string): void;
}
