import type { LlmLogger } from "./llm-port.js";
import type { OutboundRequest, ProviderTransport, TransportFailure, TransportReply } from "./provider-transport.js";
import { redactForLog } from "./redact-request.js";
import { backoffDelay, type BackoffPolicy } from "./retry-delay.js";

export interface RetryPolicy {
  /** further tries after the first, for retryable failures */
  retries: number;
  /** one HTTP exchange longer than this is aborted and counts as a timeout */
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  backoff: BackoffPolicy;
  /** a provider asking for a longer wait than this is not retried: its quota is gone, not busy */
  maxRetryAfterMs: number;
  log: LlmLogger | undefined;
}

/** Told of each try before it is sent (a reason refuses it, ending the call) and of each that got no answer. */
export interface TryHooks {
  /** e.g. the cost cap: a reason when this try may not be sent */
  beforeTry?: (attempt: number) => string | undefined;
  afterFailedTry?: (failure: TransportFailure) => void;
}

export type Answer = Exclude<TransportReply, TransportFailure>;

/**
 * One request to the provider with the port's retry policy: each try aborted after `timeoutMs`;
 * retryable failures retried up to `retries` times, waiting what the provider asked
 * (`retry-after-ms` / `retry-after`) or else an exponential backoff. The SDKs' own retries are
 * off, so this is the only policy and the tests can drive it.
 */
export async function sendWithRetries(
  transport: ProviderTransport,
  request: OutboundRequest,
  policy: RetryPolicy,
  hooks: TryHooks = {},
): Promise<
  | { answer: Answer; attempts: number }
  | { failure: TransportFailure; attempts: number }
  | { refused: string; attempts: number }
> {
  for (let attempt = 1; ; attempt++) {
    const refused = hooks.beforeTry?.(attempt);
    if (refused !== undefined) return { refused, attempts: attempt - 1 };
    const reply = await sendOnce(transport, request, policy.timeoutMs);
    if (reply.kind !== "failure") return { answer: reply, attempts: attempt };
    hooks.afterFailedTry?.(reply);
    const retriesLeft = policy.retries - (attempt - 1);
    if (!reply.retryable || retriesLeft <= 0) return { failure: reply, attempts: attempt };
    if (reply.retryAfterMs !== undefined && reply.retryAfterMs > policy.maxRetryAfterMs) {
      const seconds = Math.ceil(reply.retryAfterMs / 1000);
      return {
        failure: { ...reply, reason: `${reply.reason} (asked to wait ${seconds} s; not retried)` },
        attempts: attempt,
      };
    }
    const waitMs = reply.retryAfterMs ?? backoffDelay(attempt, policy.backoff);
    policy.log?.debug(
      {
        provider: transport.provider,
        model: transport.model,
        attempt,
        status: reply.status,
        wait_ms: waitMs,
        reason: redactForLog(reply.reason),
      },
      "llm request failed; retrying",
    );
    await policy.sleep(waitMs);
  }
}

/**
 * One try, aborted after `timeoutMs`. The SDK's own timeout is set to the same value, so
 * whichever fires first, the try ends as the same timeout.
 */
async function sendOnce(
  transport: ProviderTransport,
  request: OutboundRequest,
  timeoutMs: number,
): Promise<TransportReply> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  const timedOut: TransportFailure = {
    kind: "failure",
    reason: `${transport.provider}: no answer within ${timeoutMs} ms`,
    retryable: true,
    timedOut: true,
  };
  try {
    const reply = await transport.send(request, controller.signal);
    return reply.kind === "failure" && (reply.timedOut || controller.signal.aborted) ? timedOut : reply;
  } catch (error) {
    // an SDK may surface the abort as the abort's reason rather than as its own error class
    if (controller.signal.aborted) return timedOut;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
