/**
 * An outcome the story expected from Autopilot that did not happen. The demo is also the
 * project's smoke test: the runner names the step it happened in and exits 1.
 */
export class ExpectationFailed extends Error {
  override name = "ExpectationFailed";
}

/** Throws `ExpectationFailed(message)` unless `condition` holds; `message` says what was expected and what was seen. */
export function expectThat(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ExpectationFailed(message);
}

/** The value, or `ExpectationFailed(message)` when there is none. */
export function expectFound<T>(value: T | undefined | null, message: string): T {
  if (value === undefined || value === null) throw new ExpectationFailed(message);
  return value;
}
