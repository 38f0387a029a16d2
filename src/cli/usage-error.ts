/** A mistake in how the CLI was called or what it was given: exit code 2, message says what to fix. */
export class UsageError extends Error {}
