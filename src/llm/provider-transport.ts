import type { LlmMessage, LlmProvider, LlmUsage, ReasoningEffort } from "./llm-port.js";

/**
 * A request as it leaves the port: every string already passed through `redactSecrets`. Vendor
 * transports only ever receive this type, built by `StructuredPort`, so none can skip redaction.
 */
export interface OutboundRequest {
  readonly system: string;
  readonly messages: readonly LlmMessage[];
  readonly schemaName: string;
  readonly jsonSchema: Record<string, unknown>;
  readonly maxOutputTokens: number;
  /** the role's configured reasoning effort; absent: the provider's default */
  readonly effort?: ReasoningEffort | undefined;
}

/**
 * What came back from one HTTP exchange. `structured` holds the tool input or the parsed JSON,
 * not yet checked against the schema; `unusable` is an answer with nothing to parse (a refusal,
 * no tool call, text that is not JSON, output cut at the token limit).
 */
export type TransportReply =
  | { kind: "structured"; value: unknown; text: string; usage: LlmUsage }
  /** `truncated`: the output hit `maxOutputTokens` (reasoning tokens count against it too) */
  | { kind: "unusable"; reason: string; text: string; usage: LlmUsage; truncated?: boolean }
  | TransportFailure;

/** No answer: an HTTP error status, a dropped connection, or a timeout. */
export interface TransportFailure {
  kind: "failure";
  reason: string;
  status?: number;
  /** 429, 408, 409, 5xx, connection errors and timeouts are worth another try; 400/401/403/404 are not */
  retryable: boolean;
  /** the wait the provider asked for (`retry-after-ms` / `retry-after`), in ms */
  retryAfterMs?: number;
  timedOut: boolean;
}

/** One vendor's HTTP call. Throws only for what is not a provider answer (a bug). */
export interface ProviderTransport {
  readonly provider: LlmProvider;
  readonly model: string;
  send(request: OutboundRequest, signal: AbortSignal): Promise<TransportReply>;
}
