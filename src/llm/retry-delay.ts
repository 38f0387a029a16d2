/**
 * The wait a provider asked for, in ms: OpenAI sends `retry-after-ms`, both vendors send
 * `retry-after` (seconds, or an HTTP date per RFC 9110). Undefined when neither is readable.
 */
export function retryAfterMs(headers: Headers | undefined, now: () => number = Date.now): number | undefined {
  if (headers === undefined) return undefined;
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.ceil(Number(ms));
  const after = headers.get("retry-after");
  if (after === null) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(after)) return Math.ceil(Number(after) * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

export interface BackoffPolicy {
  /** ceiling of the first wait, ms */
  baseMs: number;
  /** no computed wait is longer, ms */
  capMs: number;
  random: () => number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, capMs: 30_000, random: Math.random };

/**
 * Exponential backoff with jitter before retry `n` (1-based): a uniform wait in the upper half of
 * `min(cap, base · 2^(n-1))`, so retries spread out but never come back at once.
 */
export function backoffDelay(retry: number, { baseMs, capMs, random }: BackoffPolicy = defaultBackoff): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(ceiling / 2 + (random() * ceiling) / 2);
}
