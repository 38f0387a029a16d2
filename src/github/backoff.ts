import { setTimeout as delay } from "node:timers/promises";

export interface BackoffOptions {
  /** Delay ceiling of the first retry, in ms. */
  baseMs?: number;
  /** No retry waits longer than this, in ms. */
  capMs?: number;
  random?: () => number;
}

/**
 * "Full jitter" exponential backoff: before retry `n` (1-based) wait a uniform random time in
 * `[0, min(cap, base · 2^(n-1)))`. Writers that collided spread out instead of colliding again
 * in lockstep.
 */
export function backoffDelay(
  retry: number,
  { baseMs = 100, capMs = 2_000, random = Math.random }: BackoffOptions = {},
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

export const sleepMs = (ms: number): Promise<void> => delay(ms).then(() => undefined);
