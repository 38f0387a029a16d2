import { SandboxApiError } from "../sandbox-api-error.js";

/**
 * A token request GitHub would refuse, with GitHub's status and message so the REST layer can
 * answer it unchanged (mirrors `GitStoreError`).
 */
export class SandboxAuthError extends SandboxApiError {
  override readonly name = "SandboxAuthError";
  declare readonly status: 403 | 422;

  constructor(status: 403 | 422, message: string) {
    super(status, message);
  }
}
