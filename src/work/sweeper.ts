import type { WorkLog } from "./work-log.js";

/**
 * Webhooks are hints: a delivery can be lost, or the process can die halfway through a job. The
 * sweeper calls `run` (reconcile every open autopilot issue and PR) once at start-up and then
 * again and again, so whatever was cut off is finished without waiting for the next event.
 */
export interface SweeperOptions {
  /** pause between the end of one sweep and the start of the next */
  intervalMs: number;
  run: () => Promise<void>;
  log: WorkLog;
}

export class Sweeper {
  readonly #intervalMs: number;
  readonly #run: () => Promise<void>;
  readonly #log: WorkLog;
  #timer: NodeJS.Timeout | undefined;
  /** the sweep in flight, if any */
  #current: Promise<void> | undefined;
  #started = false;
  #stopped = false;
  /** a sweep was asked for while one ran: the next starts as soon as it ends */
  #again = false;

  constructor(options: SweeperOptions) {
    if (!Number.isFinite(options.intervalMs) || options.intervalMs <= 0) {
      throw new RangeError(
        `autopilot sweeper: intervalMs must be a positive number of milliseconds, got ${options.intervalMs}`,
      );
    }
    this.#intervalMs = options.intervalMs;
    this.#run = options.run;
    this.#log = options.log;
  }

  /**
   * Sweeps now, then `intervalMs` after each sweep ends: the next one is only scheduled when the
   * previous one is over, so two sweeps never overlap. Calling it again does nothing.
   */
  start(): void {
    if (this.#started || this.#stopped) return;
    this.#started = true;
    this.#sweep();
  }

  /**
   * Sweeps as soon as it can (after a pause GitHub imposed, say): now when idle, the schedule then
   * starting over; right after the sweep in flight otherwise. Before `start` or after `stop`, nothing.
   */
  soon(): void {
    if (!this.#started || this.#stopped) return;
    if (this.#current) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#sweep();
  }

  /** No further sweeps; resolves once the sweep in flight (if any) has ended. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#current;
  }

  /** true while a sweep runs */
  get running(): boolean {
    return this.#current !== undefined;
  }

  #sweep(): void {
    this.#timer = undefined;
    this.#current = this.#once().finally(() => {
      this.#current = undefined;
      if (this.#stopped) return;
      if (this.#again) {
        this.#again = false;
        this.#sweep();
        return;
      }
      // unref: a pending sweep alone must not keep the process alive at shutdown
      this.#timer = setTimeout(() => this.#sweep(), this.#intervalMs).unref();
    });
  }

  async #once(): Promise<void> {
    try {
      await this.#run();
    } catch (err) {
      this.#log.error({ err }, "sweep failed; the next one runs after the interval");
    }
  }
}
