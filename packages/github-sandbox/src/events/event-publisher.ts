import type { Links } from "../represent/index.js";
import type { SandboxState } from "../state/index.js";
import type { IdleOptions, SandboxLog, WebhookDispatcher } from "../webhooks/index.js";
import { buildPayload } from "./build-payload.js";
import { deliveredToApp } from "./event-subscription.js";
import type { EventSink, SandboxEvent } from "./sandbox-event.js";

export interface EventPublisherOptions {
  state: SandboxState;
  dispatcher: WebhookDispatcher;
  /** The URLs payloads point at: the sandbox's API base. */
  links: () => Links;
  log: SandboxLog;
}

/** A copy of the event's own objects as they are now; the repository stays live (it holds git). */
function snapshot(event: SandboxEvent): SandboxEvent {
  if (event.name === "installation") return { ...event, sender: structuredClone(event.sender) };
  const { repo, ...rest } = event;
  return { ...structuredClone(rest), repo } as SandboxEvent;
}

/**
 * Turns the handlers' events into webhooks: each payload is built at once from a snapshot of the
 * state it describes, then handed to the dispatcher in the order the events happened, so a
 * receiver sees `issues.opened` before `issues.labeled` however long a payload takes to build.
 */
export class EventPublisher implements EventSink {
  readonly #options: EventPublisherOptions;
  #tail: Promise<void> = Promise.resolve();
  readonly #history: { name: string; action: string | undefined }[] = [];

  constructor(options: EventPublisherOptions) {
    this.#options = options;
  }

  emit(event: SandboxEvent): void {
    const { state, dispatcher, links, log } = this.#options;
    const action = "action" in event ? event.action : undefined;
    this.#history.push({ name: event.name, action });
    // an app hears only of the repositories its installation covers (not an outsider's fork)
    if (event.name !== "installation" && !state.isInstalledOn(event.repo)) return;
    if (!deliveredToApp(state, event.name)) return;
    const built = buildPayload(state, links(), snapshot(event));
    // a payload that cannot be built is a sandbox bug: logged loudly, and later events still go out
    built.catch(() => undefined);
    // handed over in order, not awaited: the dispatcher keeps the order, and a delivery a fault
    // holds back must not hold back the events after it
    this.#tail = this.#tail.then(async () => {
      let payload: Record<string, unknown>;
      try {
        payload = await built;
      } catch (error) {
        log.error({ err: error, event: event.name, action }, "sandbox: could not build the webhook payload");
        return;
      }
      // the dispatcher records and logs a failed attempt itself
      dispatcher.send(event.name, payload).catch(() => undefined);
    });
  }

  /** The events emitted so far, `{ name, action }`, oldest first. */
  history(): { name: string; action: string | undefined }[] {
    return this.#history.map((entry) => ({ ...entry }));
  }

  /**
   * Resolves when every event emitted so far has been delivered (or has failed); deliveries a
   * fault holds back are sent last, unless `releaseHeld: false` leaves them held.
   */
  async idle(options: IdleOptions = {}): Promise<void> {
    let tail: Promise<void>;
    do {
      tail = this.#tail;
      await tail;
      await this.#options.dispatcher.idle(options);
    } while (tail !== this.#tail);
  }
}
