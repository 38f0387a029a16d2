import type { TransportFailure } from "./provider-transport.js";
import { retryAfterMs } from "./retry-delay.js";

/** What both SDKs' `APIError` classes tell about a failed request, read into plain data. */
export interface ProviderErrorFacts {
  provider: string;
  /** HTTP status; undefined for a connection error, a timeout or an abort */
  status: number | undefined;
  headers: Headers | undefined;
  message: string;
  /** the SDK's own timeout fired (APIConnectionTimeoutError) */
  timedOut: boolean;
}

/** Statuses worth another try: rate limit, request timeout, lock conflict, server errors, overload (529). */
function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** A provider error as the port's retry policy reads it. */
export function describeProviderError(facts: ProviderErrorFacts): TransportFailure {
  const { provider, status, headers, message, timedOut } = facts;
  if (timedOut)
    return { kind: "failure", reason: `${provider}: the request timed out`, retryable: true, timedOut: true };
  if (status === undefined) {
    return { kind: "failure", reason: `${provider}: connection failed: ${message}`, retryable: true, timedOut: false };
  }
  const failure: TransportFailure = {
    kind: "failure",
    reason: `${provider} answered HTTP ${status}: ${message}`,
    status,
    retryable: isRetryableStatus(status),
    timedOut: false,
  };
  const wait = retryAfterMs(headers);
  if (wait !== undefined) failure.retryAfterMs = wait;
  return failure;
}
