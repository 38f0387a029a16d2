import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  examplePayload,
  WebhookDispatcher,
  WebhookDispatcherError,
  withInstallation,
  type SandboxLog,
  type WebhookDispatcherOptions,
} from "../../src/webhooks/index.js";
import { startWebhookReceiver, unusedUrl, type WebhookReceiver } from "./webhook-receiver.js";

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Verifies like @octokit/webhooks does: HMAC over the exact received bytes, constant-time compare. */
function signatureMatches(secret: string, body: string, header: unknown, algorithm: "sha256" | "sha1"): boolean {
  if (typeof header !== "string") return false;
  const expected = Buffer.from(`${algorithm}=${createHmac(algorithm, secret).update(body).digest("hex")}`);
  const actual = Buffer.from(header);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

interface LogEntry {
  level: "info" | "warn" | "error";
  fields: Record<string, unknown>;
  message: string;
}

function recordingLog(entries: LogEntry[]): SandboxLog {
  return {
    info: (fields, message) => entries.push({ level: "info", fields, message }),
    warn: (fields, message) => entries.push({ level: "warn", fields, message }),
    error: (fields, message) => entries.push({ level: "error", fields, message }),
  };
}

const issueOpened = (): Record<string, unknown> => withInstallation(examplePayload("issues", "opened"), 77);

describe("WebhookDispatcher", () => {
  let receiver: WebhookReceiver;
  let secret: string;
  let logs: LogEntry[];
  const dispatcher = (options: Partial<WebhookDispatcherOptions> = {}): WebhookDispatcher =>
    new WebhookDispatcher({
      url: receiver.url,
      secret,
      log: recordingLog(logs),
      hook: { hookId: 9, targetId: 4242, targetType: "integration" },
      ...options,
    });

  beforeEach(async () => {
    receiver = await startWebhookReceiver();
    secret = randomBytes(20).toString("hex");
    logs = [];
  });

  afterEach(async () => {
    await receiver.close();
  });

  it("delivers with GitHub's headers and a signature the secret verifies", async () => {
    const payload = issueOpened();
    const record = await dispatcher().send("issues", payload);

    expect(receiver.received).toHaveLength(1);
    const [{ headers, body }] = receiver.received as [(typeof receiver.received)[number]];
    expect(body).toBe(JSON.stringify(payload));
    expect(headers["x-github-event"]).toBe("issues");
    expect(headers["x-github-delivery"]).toMatch(uuidV4);
    expect(headers["x-github-hook-id"]).toBe("9");
    expect(headers["x-github-hook-installation-target-id"]).toBe("4242");
    expect(headers["x-github-hook-installation-target-type"]).toBe("integration");
    expect(headers["user-agent"]).toMatch(/^GitHub-Hookshot\/[0-9a-f]{7}$/);
    expect(headers["content-type"]).toBe("application/json");
    expect(signatureMatches(secret, body, headers["x-hub-signature-256"], "sha256")).toBe(true);
    expect(signatureMatches(secret, body, headers["x-hub-signature"], "sha1")).toBe(true);
    expect(signatureMatches("another secret", body, headers["x-hub-signature-256"], "sha256")).toBe(false);

    expect(record).toMatchObject({
      id: 1,
      guid: headers["x-github-delivery"],
      redelivery: false,
      status: "OK",
      status_code: 200,
      event: "issues",
      action: "opened",
      installation_id: 77,
      repository_id: (payload.repository as { id: number }).id,
      throttled_at: null,
      url: receiver.url,
      request: { payload },
      response: { payload: "ok" },
    });
    expect(record.delivered_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(record.request.headers["X-GitHub-Delivery"]).toBe(record.guid);
    expect(record.response.headers["x-receiver"]).toBe("test");
    expect(logs).toContainEqual(expect.objectContaining({ level: "info", message: "webhook delivered" }));
  });

  it("keeps 20 rapid sends in order, one at a time", async () => {
    receiver.reply = (_delivery, index) => ({ delayMs: index % 2 === 0 ? 8 : 1 });
    const webhooks = dispatcher();
    const sends = Array.from({ length: 20 }, (_, index) =>
      webhooks.send("issue_comment", { ...examplePayload("issue_comment", "created"), sequence: index }),
    );
    const records = await Promise.all(sends);

    const sequence = receiver.received.map((delivery) => (JSON.parse(delivery.body) as { sequence: number }).sequence);
    expect(sequence).toEqual(Array.from({ length: 20 }, (_, index) => index));
    expect(Math.max(...receiver.received.map((delivery) => delivery.inFlight))).toBe(1);
    expect(records.map((record) => record.id)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    expect(new Set(records.map((record) => record.guid)).size).toBe(20);
  });

  it("records a receiver that is down, never throws, and keeps delivering", async () => {
    const webhooks = dispatcher({ url: await unusedUrl() });
    const record = await webhooks.send("issues", issueOpened());
    expect(record).toMatchObject({ status: "failed to connect to host", status_code: 0, response: { payload: null } });
    expect(logs).toContainEqual(expect.objectContaining({ level: "warn", message: "webhook delivery failed" }));

    webhooks.setUrl(receiver.url);
    expect(await webhooks.send("issues", issueOpened())).toMatchObject({ status: "OK", id: 2 });
  });

  it("records a non-2xx answer with its status and body", async () => {
    receiver.reply = () => ({ status: 500, body: "boom" });
    const record = await dispatcher().send("issues", issueOpened());
    expect(record).toMatchObject({
      status: "Invalid HTTP Response: 500",
      status_code: 500,
      response: { payload: "boom" },
    });
    expect(receiver.received).toHaveLength(1);
  });

  it("gives up on a slow receiver after the timeout and moves on", async () => {
    receiver.reply = (_delivery, index) => ({ delayMs: index === 0 ? 600 : 0 });
    const webhooks = dispatcher({ timeoutMs: 100 });
    const slow = webhooks.send("issues", issueOpened());
    const next = webhooks.send("issues", issueOpened());
    expect(await slow).toMatchObject({ status: "timed out", status_code: 0 });
    expect((await slow).duration).toBeLessThan(0.5);
    expect(await next).toMatchObject({ status: "OK" });
  });

  it("dropRate 1 records every webhook as dropped and sends none", async () => {
    const webhooks = dispatcher({ faults: { dropRate: 1 } });
    const records = await Promise.all([
      webhooks.send("issues", issueOpened()),
      webhooks.send("push", examplePayload("push")),
    ]);
    expect(records.map((record) => record.status)).toEqual(["dropped", "dropped"]);
    expect(records.map((record) => record.action)).toEqual(["opened", null]);
    expect(receiver.received).toHaveLength(0);
    expect(webhooks.list().deliveries).toHaveLength(2);
  });

  it("drops by the injected random source", async () => {
    const draws = [0.2, 0.8, 0.49, 0.5];
    const webhooks = dispatcher({ faults: { dropRate: 0.5, random: () => draws.shift() ?? 1 } });
    for (let index = 0; index < 4; index += 1) webhooks.send("issues", issueOpened());
    await webhooks.idle();
    expect(
      webhooks
        .list()
        .deliveries.map((record) => record.status)
        .reverse(),
    ).toEqual(["dropped", "OK", "dropped", "OK"]);
    expect(receiver.received).toHaveLength(2);

    webhooks.setFaults({});
    expect(await webhooks.send("issues", issueOpened())).toMatchObject({ status: "OK" });
  });

  it("lists newest first with cursor pagination and GitHub's item fields", async () => {
    receiver.reply = (_delivery, index) => ({ status: index === 1 ? 404 : 200 });
    const webhooks = dispatcher();
    for (let index = 0; index < 5; index += 1) webhooks.send("issues", issueOpened());
    await webhooks.idle();

    const first = webhooks.list({ per_page: 2 });
    expect(first.deliveries.map((record) => record.id)).toEqual([5, 4]);
    expect(Object.keys(first.deliveries[0] ?? {}).sort()).toEqual(
      [
        "action",
        "delivered_at",
        "duration",
        "event",
        "guid",
        "id",
        "installation_id",
        "redelivery",
        "repository_id",
        "status",
        "status_code",
        "throttled_at",
      ].sort(),
    );
    const second = webhooks.list({ per_page: 2, cursor: first.next });
    expect(second.deliveries.map((record) => record.id)).toEqual([3, 2]);
    const third = webhooks.list({ per_page: 2, cursor: second.next });
    expect(third).toEqual({ deliveries: [expect.objectContaining({ id: 1 })] });

    expect(webhooks.list().deliveries).toHaveLength(5);
    expect(webhooks.list({ status: "failure" }).deliveries.map((record) => record.id)).toEqual([2]);
    expect(webhooks.list({ status: "success", per_page: 500 }).deliveries).toHaveLength(4);
    expect(() => webhooks.list({ cursor: "nonsense" })).toThrow(WebhookDispatcherError);
  });

  it("redelivers with the same delivery GUID and bytes, as a new attempt", async () => {
    receiver.reply = (_delivery, index) => ({ status: index === 0 ? 503 : 200 });
    const webhooks = dispatcher();
    const original = await webhooks.send(
      "pull_request",
      withInstallation(examplePayload("pull_request", "opened"), 77),
    );
    expect(original.status_code).toBe(503);

    const again = await webhooks.redeliver(original.id);
    expect(again).toMatchObject({
      id: 2,
      guid: original.guid,
      redelivery: true,
      status: "OK",
      event: "pull_request",
      action: "opened",
    });
    const [first, second] = receiver.received;
    expect(second?.headers["x-github-delivery"]).toBe(first?.headers["x-github-delivery"]);
    expect(second?.body).toBe(first?.body);
    expect(signatureMatches(secret, second?.body ?? "", second?.headers["x-hub-signature-256"], "sha256")).toBe(true);
    expect(webhooks.list().deliveries.map((record) => [record.id, record.redelivery])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(await webhooks.redeliver(99)).toBeUndefined();
  });

  it("records webhooks while no URL is configured, and redelivers them once one is", async () => {
    const webhooks = dispatcher({ url: undefined });
    const record = await webhooks.send("issues", issueOpened());
    expect(record).toMatchObject({ status: "no webhook URL configured", status_code: 0 });
    expect(record.url).toBeUndefined();
    expect(receiver.received).toHaveLength(0);

    webhooks.setUrl(receiver.url);
    expect(await webhooks.redeliver(record.id)).toMatchObject({ guid: record.guid, status: "OK" });
    expect(receiver.received[0]?.headers["x-github-delivery"]).toBe(record.guid);
  });

  it("get returns the full record as a copy", async () => {
    const webhooks = dispatcher();
    const { id } = await webhooks.send("issues", issueOpened());
    const record = webhooks.get(id);
    expect(record?.request.headers["X-GitHub-Event"]).toBe("issues");
    (record?.request.payload as { action: string }).action = "tampered";
    expect((webhooks.get(id)?.request.payload as { action: string }).action).toBe("opened");
    expect(webhooks.get(404)).toBeUndefined();
  });

  it("idle waits for everything queued, including sends queued while waiting", async () => {
    receiver.reply = () => ({ delayMs: 5 });
    const webhooks = dispatcher();
    webhooks.send("issues", issueOpened()).then(() => webhooks.send("issues", issueOpened()));
    webhooks.send("issues", issueOpened());
    await webhooks.idle();
    expect(receiver.received).toHaveLength(3);
    await webhooks.idle();
  });
});
