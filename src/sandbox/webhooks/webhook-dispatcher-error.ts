/** A deliveries request GitHub would refuse (a malformed cursor), with the status to answer. */
export class WebhookDispatcherError extends Error {
  override readonly name = "WebhookDispatcherError";
  readonly status: 400;

  constructor(status: 400, message: string) {
    super(message);
    this.status = status;
  }
}
