import { SandboxApiError } from "../sandbox-api-error.js";

/**
 * A request GitHub would refuse, with the status and message GitHub answers it with, so the
 * sandbox's REST layer can pass both through unchanged. Anything else a git call does wrong is a
 * plain `Error`: it is a bug or a broken repository, not a client mistake.
 */
export class GitStoreError extends SandboxApiError {
  override readonly name = "GitStoreError";
  declare readonly status: 404 | 409 | 422;

  constructor(status: 404 | 409 | 422, message: string) {
    super(status, message);
  }
}
