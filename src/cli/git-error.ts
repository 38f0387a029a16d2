/** Thrown when git fails; the message carries git's own explanation. */
export class GitError extends Error {}
