import { backoffDelay } from "../../github/index.js";

export interface MergeabilityRechecksOptions {
  /** Later evaluations scheduled for one PR, one after the other, before the sweep is left to catch it. */
  maxAttempts?: number;
  /** The pause before attempt `n` (1-based). */
  delayMs?: (attempt: number) => number;
  setTimer?: (run: () => void, ms: number) => { unref?: () => unknown };
  clearTimer?: (timer: unknown) => void;
}

/** About 2–4 s, then up to 6, 10, 18, 34 s: long enough for GitHub to compute it, short for a person watching. */
const defaultDelay = (attempt: number): number => 2_000 + backoffDelay(attempt, { baseMs: 2_000, capMs: 32_000 });

/**
 * Later merge evaluations of PRs whose mergeability GitHub was still computing. GitHub answers
 * `mergeable: null` while it computes and sends no webhook when done, so without these a PR whose
 * last event read null would wait for an unrelated event. Each PR gets at most `maxAttempts`,
 * spaced by backoff, scheduled one at a time and never holding the work queue meanwhile; past
 * them the periodic sweep evaluates the PR again. A decision that no longer waits on mergeability
 * resets the PR's count.
 */
export class MergeabilityRechecks {
  readonly #maxAttempts: number;
  readonly #delayMs: (attempt: number) => number;
  readonly #setTimer: NonNullable<MergeabilityRechecksOptions["setTimer"]>;
  readonly #clearTimer: NonNullable<MergeabilityRechecksOptions["clearTimer"]>;
  readonly #attempts = new Map<string, number>();
  readonly #timers = new Map<string, unknown>();

  constructor(options: MergeabilityRechecksOptions = {}) {
    const maxAttempts = options.maxAttempts ?? 5;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 0)
      throw new RangeError(`mergeability rechecks: maxAttempts must be an integer ≥ 0, got ${maxAttempts}`);
    this.#maxAttempts = maxAttempts;
    this.#delayMs = options.delayMs ?? defaultDelay;
    this.#setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.#clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout));
  }

  /**
   * Schedules `run` for the PR `key` after the next backoff pause, unless one is already
   * scheduled or the attempts are spent. Returns whether it was scheduled.
   */
  schedule(key: string, run: () => void): boolean {
    if (this.#timers.has(key)) return false;
    const attempt = (this.#attempts.get(key) ?? 0) + 1;
    if (attempt > this.#maxAttempts) return false;
    this.#attempts.set(key, attempt);
    const timer = this.#setTimer(() => {
      this.#timers.delete(key);
      run();
    }, this.#delayMs(attempt));
    // a pending recheck alone must not keep the process alive
    timer.unref?.();
    this.#timers.set(key, timer);
    return true;
  }

  /** The PR no longer waits on mergeability: its count starts again, a scheduled evaluation is kept (it is harmless). */
  settled(key: string): void {
    this.#attempts.delete(key);
  }

  /** How many later evaluations the PR has had since it last settled. */
  attemptsOf(key: string): number {
    return this.#attempts.get(key) ?? 0;
  }

  /** Cancels every scheduled evaluation (shutdown). */
  clear(): void {
    for (const timer of this.#timers.values()) this.#clearTimer(timer);
    this.#timers.clear();
    this.#attempts.clear();
  }
}
