import { type FaultMatch, type FaultSubject, matchesFault } from "./fault-injector.js";

/**
 * Requests kept waiting, unanswered, until a test lets them go: GitHub answering slowly, without
 * a guess at how slowly. `reached` resolves once a matching request waits; `release()` lets every
 * held request (and any later one) go on to be answered as usual. The server releases every hold
 * when it stops, so none outlives it.
 */
export class RequestHold {
  readonly #match: FaultMatch;
  #remaining: number;
  #released = false;
  readonly #reached: Promise<void>;
  #reach!: () => void;
  readonly #gate: Promise<void>;
  #open!: () => void;

  constructor(match: FaultMatch, times = 1) {
    if (!(Number.isInteger(times) && times >= 1))
      throw new RangeError(`sandbox hold: times must be a whole number ≥ 1, got ${times}`);
    this.#match = match;
    this.#remaining = times;
    this.#reached = new Promise((resolve) => (this.#reach = resolve));
    this.#gate = new Promise((resolve) => (this.#open = resolve));
  }

  /** Resolves once a matching request is held. */
  get reached(): Promise<void> {
    return this.#reached;
  }

  /** Lets the held requests be answered; later matching requests are not held. */
  release(): void {
    this.#released = true;
    this.#open();
  }

  /** The wait for `subject`, undefined when this hold does not take it. */
  take(subject: FaultSubject): Promise<void> | undefined {
    if (this.#released || this.#remaining <= 0 || !matchesFault(this.#match, subject)) return undefined;
    this.#remaining -= 1;
    this.#reach();
    return this.#gate;
  }
}
