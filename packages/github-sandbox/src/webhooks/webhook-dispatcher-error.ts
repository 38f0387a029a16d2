import { SandboxApiError } from "../sandbox-api-error.js";

/** A deliveries request GitHub would refuse (a malformed cursor), with the status to answer. */
export class WebhookDispatcherError extends SandboxApiError {
  override readonly name = "WebhookDispatcherError";
  declare readonly status: 400;

  constructor(status: 400, message: string) {
    super(status, message);
  }
}
