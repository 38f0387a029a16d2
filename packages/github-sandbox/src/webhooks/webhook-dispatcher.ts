import { randomBytes, randomUUID } from "node:crypto";
import {
  isSuccessfulDelivery,
  summarizeDelivery,
  type DeliveryRecord,
  type DeliverySummary,
} from "./delivery-record.js";
import { encodeDelivery, type HookConfig } from "./hook-config.js";
import { postDelivery, type DeliveryOutcome } from "./post-delivery.js";
import type { SandboxLog } from "./sandbox-log.js";
import { signPayload } from "./sign-payload.js";
import { WebhookDispatcherError } from "./webhook-dispatcher-error.js";
import {
  checkWebhookFaults,
  matchesDelivery,
  planFaults,
  type FaultPlan,
  type HoldPlan,
  type WebhookFaults,
} from "./webhook-faults.js";

export type { HookConfig } from "./hook-config.js";
export type { WebhookFaults } from "./webhook-faults.js";

/** Identifies the hook in the `X-GitHub-Hook-*` headers; an app's hook targets the app itself. */
export interface HookTarget {
  hookId: number;
  targetId: number;
  targetType: string;
}

export interface WebhookDispatcherOptions {
  url: string | undefined;
  /** The starting secret; `updateHookConfig` changes it, as `PATCH /app/hook/config` does. */
  secret: string;
  /** Defaults to `GitHub-Hookshot/<7 hex>`, GitHub's agent with a per-dispatcher build id. */
  userAgent?: string;
  fetch?: typeof fetch;
  log?: SandboxLog;
  faults?: WebhookFaults;
  /** GitHub abandons a delivery after 10 s; tests inject less. */
  timeoutMs?: number;
  hook?: HookTarget;
  /** Milliseconds since the epoch. */
  now?: () => number;
}

export interface ListDeliveriesOptions {
  /** 1..100, default 30 as on GitHub. */
  per_page?: number;
  /** The `next` value of the previous page. */
  cursor?: string;
  status?: "success" | "failure";
}

export interface DeliveryPage {
  deliveries: DeliverySummary[];
  /** Cursor of the next (older) page, when there is one. */
  next?: string;
}

interface Attempt {
  guid: string;
  event: string;
  body: string;
  redelivery: boolean;
}

/** A delivery a fault holds back: how many more sends it waits for, and how to let it go. */
interface Held {
  remaining: number;
  until: HoldPlan["until"];
  release: () => void;
}

export interface IdleOptions {
  /**
   * Send what faults hold back (default true), so that nothing stays held forever. False waits only
   * for what is queued or delayed, leaving held deliveries held, for a caller that releases them
   * itself once everything else is quiet (`releaseHeld()`).
   */
  releaseHeld?: boolean;
}

const githubTimeoutMs = 10_000;
const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const silentLog: SandboxLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

function nestedId(payload: Record<string, unknown>, key: string): number | null {
  const value = payload[key];
  if (typeof value !== "object" || value === null) return null;
  const id = (value as { id?: unknown }).id;
  return typeof id === "number" ? id : null;
}

/**
 * Sends webhooks the way GitHub does: signed, with GitHub's headers, one at a time in the order
 * they were sent, each given 10 s. Every attempt is recorded for `GET /app/hook/deliveries`, and
 * can be redelivered with the same delivery GUID. Failures are recorded, never thrown, so a
 * receiver that is down cannot break the REST call that caused the event.
 *
 * Faults (`WebhookFaults`) make it as unreliable as GitHub is: deliveries dropped, duplicated,
 * held back behind later ones, or delayed. Held and delayed deliveries count as pending for
 * `idle()`, so a caller waiting for quiet still waits for them.
 */
export class WebhookDispatcher {
  readonly #userAgent: string;
  readonly #fetch: typeof fetch;
  readonly #log: SandboxLog;
  readonly #timeoutMs: number;
  readonly #hook: HookTarget;
  readonly #now: () => number;
  /** The one place the hook's URL, secret and encoding live: each attempt reads them as it is sent. */
  #config: HookConfig;
  #faults: WebhookFaults;
  /** How often each fault rule has applied since the faults were set. */
  #ruleUses: number[] = [];
  #tail: Promise<void> = Promise.resolve();
  readonly #held: Held[] = [];
  readonly #delays = new Set<Promise<void>>();
  #nextId = 1;
  /** Oldest first; ids grow with the position. */
  readonly #records: DeliveryRecord[] = [];
  /** The exact bytes of each attempt, so a redelivery sends the same body. */
  readonly #bodies = new Map<number, string>();

  constructor(options: WebhookDispatcherOptions) {
    this.#config = { url: options.url, contentType: "json", secret: options.secret, insecureSsl: "0" };
    this.#userAgent = options.userAgent ?? `GitHub-Hookshot/${randomBytes(4).toString("hex").slice(0, 7)}`;
    this.#fetch = options.fetch ?? fetch;
    this.#log = options.log ?? silentLog;
    if (options.faults) checkWebhookFaults(options.faults);
    this.#faults = options.faults ?? {};
    this.#timeoutMs = options.timeoutMs ?? githubTimeoutMs;
    this.#hook = options.hook ?? { hookId: 1, targetId: 1, targetType: "integration" };
    this.#now = options.now ?? Date.now;
  }

  setUrl(url: string | undefined): void {
    this.#config.url = url;
  }

  hookConfig(): HookConfig {
    return { ...this.#config };
  }

  /**
   * Changes the hook as `PATCH /app/hook/config` does: deliveries not yet sent, and redeliveries,
   * go out with the new settings (GitHub signs each attempt as it sends it); those sent keep theirs.
   */
  updateHookConfig(change: Partial<HookConfig>): HookConfig {
    this.#config = { ...this.#config, ...change };
    return this.hookConfig();
  }

  /** Replaces the faults (rule counts start again); `setFaults({})` turns injection off. Held deliveries stay held. */
  setFaults(faults: WebhookFaults): void {
    checkWebhookFaults(faults);
    this.#faults = faults;
    this.#ruleUses = [];
  }

  /**
   * Queues a delivery of `event` with a new GUID, unless a fault holds or delays it; resolves with
   * its record once attempted (a duplicate's record is listed, not returned).
   */
  send(event: string, payload: Record<string, unknown>): Promise<DeliveryRecord> {
    const plan = planFaults(this.#faults, this.#ruleUses, event, payload);
    const attempt: Attempt = { guid: randomUUID(), event, body: JSON.stringify(payload), redelivery: false };
    const fields = { guid: attempt.guid, event, action: typeof payload.action === "string" ? payload.action : null };
    // a new delivery going out is one of the "later deliveries" held ones wait for; a release is not
    const go = (counts: boolean): Promise<DeliveryRecord> => {
      const due = counts ? this.#takeDue(event, payload) : [];
      const record = this.#enqueue(attempt);
      if (plan.duplicate) this.#duplicate(attempt, payload, plan.duplicate);
      for (const held of due) held.release();
      return record;
    };
    if (plan.hold) {
      this.#log.info({ ...fields, ...plan.hold }, "webhook held back by fault injection");
      return new Promise((resolve) => this.#hold(plan.hold as HoldPlan, () => resolve(go(false))));
    }
    if (plan.delayMs !== undefined) {
      const delayMs = plan.delayMs;
      this.#log.info({ ...fields, delayMs }, "webhook delayed by fault injection");
      return new Promise((resolve) => {
        const waiting: Promise<void> = new Promise<void>((done) =>
          setTimeout(() => {
            this.#delays.delete(waiting);
            resolve(go(true));
            done();
          }, delayMs),
        );
        this.#delays.add(waiting);
      });
    }
    return go(true);
  }

  /** Deliveries faults hold back now (delayed ones not counted). */
  heldCount(): number {
    return this.#held.length;
  }

  /** Sends every held delivery now, in the order they were held. */
  releaseHeld(): void {
    for (const held of this.#held.splice(0)) held.release();
  }

  #hold(plan: HoldPlan, release: () => void): void {
    this.#held.push({ remaining: plan.after, until: plan.until, release });
  }

  /** The held deliveries a new delivery of `event` lets go, removed from the held list. */
  #takeDue(event: string, payload: Record<string, unknown>): Held[] {
    const due: Held[] = [];
    for (const held of [...this.#held]) {
      held.remaining -= 1;
      if (held.remaining <= 0 || (held.until && matchesDelivery(held.until, event, payload))) {
        due.push(held);
        this.#held.splice(this.#held.indexOf(held), 1);
      }
    }
    return due;
  }

  #duplicate(attempt: Attempt, payload: Record<string, unknown>, duplicate: NonNullable<FaultPlan["duplicate"]>): void {
    const same = duplicate.guid === "same";
    const copy: Attempt = { ...attempt, guid: same ? attempt.guid : randomUUID(), redelivery: same };
    const action = typeof payload.action === "string" ? payload.action : null;
    const fields = { guid: attempt.guid, copy: copy.guid, event: attempt.event, action };
    this.#log.info(fields, "webhook duplicated by fault injection");
    const send = (): void => void this.#enqueue(copy).catch(() => undefined);
    if (duplicate.hold) this.#hold(duplicate.hold, send);
    else send();
  }

  /**
   * Delivers a recorded attempt again: same GUID and body, a new id, `redelivery: true`; undefined
   * for an unknown id. Queued at call time, so a caller answering GitHub's 202 need not await it.
   */
  async redeliver(id: number): Promise<DeliveryRecord | undefined> {
    const original = this.#records.find((record) => record.id === id);
    const body = this.#bodies.get(id);
    if (!original || body === undefined) return undefined;
    return this.#enqueue({ guid: original.guid, event: original.event, body, redelivery: true });
  }

  get(id: number): DeliveryRecord | undefined {
    const record = this.#records.find((candidate) => candidate.id === id);
    return record && structuredClone(record);
  }

  /** Newest first, paginated by cursor like GitHub's `GET /app/hook/deliveries`. */
  list(options: ListDeliveriesOptions = {}): DeliveryPage {
    const perPage = Math.min(100, Math.max(1, Math.trunc(options.per_page ?? 30)));
    let before = Infinity;
    if (options.cursor !== undefined) {
      const match = /^v1_(\d+)$/.exec(options.cursor);
      if (!match?.[1]) throw new WebhookDispatcherError(400, `Invalid cursor "${options.cursor}"`);
      before = Number(match[1]);
    }
    const matching = this.#records
      .filter((record) => record.id < before)
      .filter(
        (record) => options.status === undefined || isSuccessfulDelivery(record) === (options.status === "success"),
      )
      .reverse();
    const page = matching.slice(0, perPage);
    const last = page.at(-1);
    return {
      deliveries: page.map((record) => structuredClone(summarizeDelivery(record))),
      ...(matching.length > perPage && last ? { next: `v1_${last.id}` } : {}),
    };
  }

  /**
   * Resolves once every delivery queued so far, and any queued meanwhile, has been attempted:
   * delayed ones included (their delay runs out). Held ones are sent last, once nothing else is
   * queued or delayed, and waited for; with `releaseHeld: false` they stay held.
   */
  async idle(options: IdleOptions = {}): Promise<void> {
    for (;;) {
      const tail = this.#tail;
      await tail;
      if (this.#delays.size > 0) {
        await Promise.all(this.#delays);
        continue;
      }
      if (tail !== this.#tail) continue;
      if (this.#held.length === 0 || options.releaseHeld === false) return;
      this.releaseHeld();
    }
  }

  #enqueue(attempt: Attempt): Promise<DeliveryRecord> {
    const result = this.#tail.then(() => this.#attempt(attempt));
    // The chain must survive a failed attempt, or every later delivery would be skipped.
    this.#tail = result.then(
      () => undefined,
      (error: unknown) =>
        this.#log.error({ err: error, event: attempt.event, guid: attempt.guid }, "webhook dispatcher failed"),
    );
    return result;
  }

  async #attempt({ guid, event, body, redelivery }: Attempt): Promise<DeliveryRecord> {
    const id = this.#nextId++;
    const startedAt = this.#now();
    const payload = JSON.parse(body) as Record<string, unknown>;
    const { url, contentType, secret } = this.#config;
    const wire = encodeDelivery(contentType, body);
    const headers = this.#headers(event, guid, wire.mediaType, secret, wire.body);
    const dropRate = this.#faults.dropRate ?? 0;
    const dropped = dropRate > 0 && (this.#faults.random ?? Math.random)() < dropRate;

    let outcome: DeliveryOutcome;
    if (dropped) {
      outcome = { status: "dropped", status_code: 0, headers: {}, payload: null };
    } else if (url === undefined) {
      outcome = { status: "no webhook URL configured", status_code: 0, headers: {}, payload: null };
    } else {
      outcome = await postDelivery(this.#fetch, url, headers, wire.body, this.#timeoutMs);
    }

    const record: DeliveryRecord = {
      id,
      guid,
      delivered_at: isoSeconds(startedAt),
      redelivery,
      duration: Math.max(0, this.#now() - startedAt) / 1000,
      status: outcome.status,
      status_code: outcome.status_code,
      event,
      action: typeof payload.action === "string" ? payload.action : null,
      installation_id: nestedId(payload, "installation"),
      repository_id: nestedId(payload, "repository"),
      throttled_at: null,
      ...(url === undefined || dropped ? {} : { url }),
      request: { headers, payload },
      response: { headers: outcome.headers, payload: outcome.payload },
    };
    this.#records.push(record);
    this.#bodies.set(id, body);

    const fields = {
      id,
      guid,
      event,
      action: record.action,
      status: record.status,
      status_code: record.status_code,
      redelivery,
    };
    if (isSuccessfulDelivery(record)) this.#log.info(fields, "webhook delivered");
    else if (dropped) this.#log.info(fields, "webhook dropped by fault injection");
    else if (url === undefined) this.#log.info(fields, "webhook recorded, not sent: no webhook URL configured");
    else this.#log.warn({ ...fields, url, error: outcome.error }, "webhook delivery failed");
    return structuredClone(record);
  }

  /**
   * GitHub's delivery headers, in GitHub's spelling; both signatures are computed per attempt over
   * the bytes sent, and left out when the hook has no secret, as GitHub leaves them out.
   */
  #headers(event: string, guid: string, mediaType: string, secret: string, body: string): Record<string, string> {
    return {
      Accept: "*/*",
      "content-type": mediaType,
      "User-Agent": this.#userAgent,
      "X-GitHub-Delivery": guid,
      "X-GitHub-Event": event,
      "X-GitHub-Hook-ID": String(this.#hook.hookId),
      "X-GitHub-Hook-Installation-Target-ID": String(this.#hook.targetId),
      "X-GitHub-Hook-Installation-Target-Type": this.#hook.targetType,
      ...(secret === ""
        ? {}
        : { "X-Hub-Signature": signPayload(secret, body, "sha1"), "X-Hub-Signature-256": signPayload(secret, body) }),
    };
  }
}
