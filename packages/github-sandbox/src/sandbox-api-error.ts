/**
 * A request GitHub would refuse, carrying the status and message GitHub answers it with. The
 * sandbox's stores throw subclasses of it, and the HTTP layer answers any of them unchanged, so a
 * new store needs no special case there.
 */
export class SandboxApiError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}
