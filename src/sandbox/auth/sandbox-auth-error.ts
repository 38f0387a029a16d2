/**
 * A token request GitHub would refuse, with GitHub's status and message so the REST layer can
 * answer it unchanged (mirrors `GitStoreError`).
 */
export class SandboxAuthError extends Error {
  override readonly name = "SandboxAuthError";
  readonly status: 422;

  constructor(status: 422, message: string) {
    super(message);
    this.status = status;
  }
}
