import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  examplePayload,
  seededRandom,
  WebhookDispatcher,
  type WebhookDispatcherOptions,
  type WebhookFaults,
} from "../../src/webhooks/index.js";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.js";

/** A numbered delivery, so the receiver's order can be read back. */
const numbered = (sequence: number, action = "created"): Record<string, unknown> => ({
  ...examplePayload("issue_comment", "created"),
  action,
  sequence,
});

describe("WebhookDispatcher faults: duplicates, reordering, delays", () => {
  let receiver: WebhookReceiver;
  const dispatcher = (faults: WebhookFaults, options: Partial<WebhookDispatcherOptions> = {}): WebhookDispatcher =>
    new WebhookDispatcher({ url: receiver.url, secret: randomBytes(20).toString("hex"), faults, ...options });
  const order = (): number[] =>
    receiver.received.map((delivery) => (JSON.parse(delivery.body) as { sequence: number }).sequence);
  const guids = (): string[] => receiver.received.map((delivery) => String(delivery.headers["x-github-delivery"]));

  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });

  afterEach(async () => {
    await receiver.close();
  });

  it("duplicates a delivery under the same GUID, as GitHub's redelivery does", async () => {
    const webhooks = dispatcher({ rules: [{ kind: "duplicate" }] });
    const record = await webhooks.send("issue_comment", numbered(1));
    webhooks.send("issue_comment", numbered(2));
    await webhooks.idle();

    expect(order()).toEqual([1, 1, 2]);
    expect(guids()[1]).toBe(record.guid);
    expect(receiver.received[1]?.body).toBe(receiver.received[0]?.body);
    expect(
      webhooks
        .list()
        .deliveries.map((item) => [item.guid === record.guid, item.redelivery])
        .reverse(),
    ).toEqual([
      [true, false],
      [true, true],
      [false, false],
    ]);
  });

  it("duplicates a payload under a new GUID, as a second event would arrive", async () => {
    const webhooks = dispatcher({ rules: [{ kind: "duplicate", guid: "new", times: Infinity }] });
    webhooks.send("issue_comment", numbered(1));
    webhooks.send("issue_comment", numbered(2));
    await webhooks.idle();

    expect(order()).toEqual([1, 1, 2, 2]);
    expect(new Set(guids()).size).toBe(4);
    expect(webhooks.list().deliveries.every((item) => !item.redelivery)).toBe(true);
  });

  it("sends a late duplicate after a later delivery", async () => {
    const webhooks = dispatcher({
      rules: [{ kind: "duplicate", after: 2, match: { event: "issue_comment", action: "deleted" } }],
    });
    const actions = ["created", "deleted", "created", "created", "created"];
    actions.forEach((action, index) => webhooks.send("issue_comment", numbered(index + 1, action)));
    await webhooks.idle();
    expect(order()).toEqual([1, 2, 3, 4, 2, 5]);
  });

  it("holds a delivery back until the next one has been sent", async () => {
    const first = { event: "issue_comment", payload: (payload: Record<string, unknown>) => payload.sequence === 1 };
    const webhooks = dispatcher({ rules: [{ kind: "hold", match: first }] });
    const held = webhooks.send("issue_comment", numbered(1));
    const next = webhooks.send("issue_comment", numbered(2));
    webhooks.send("issue_comment", numbered(3));
    expect((await held).id).toBeGreaterThan((await next).id);
    await webhooks.idle();
    expect(order()).toEqual([2, 1, 3]);
    expect(Math.max(...receiver.received.map((delivery) => delivery.inFlight))).toBe(1);
  });

  it("holds deliveries until a given event has been sent, keeping their own order", async () => {
    const readyForReview = { event: "pull_request", action: "ready_for_review" };
    const webhooks = dispatcher({
      rules: [
        { kind: "hold", match: { event: "push" }, until: readyForReview },
        { kind: "hold", match: { event: "pull_request", action: "synchronize" }, until: readyForReview },
      ],
    });
    webhooks.send("push", { ...examplePayload("push"), sequence: 1 });
    webhooks.send("pull_request", { ...examplePayload("pull_request", "synchronize"), sequence: 2 });
    webhooks.send("issue_comment", numbered(3));
    webhooks.send("pull_request", { ...examplePayload("pull_request", "ready_for_review"), sequence: 4 });
    webhooks.send("issue_comment", numbered(5));
    await webhooks.idle();
    expect(order()).toEqual([3, 4, 1, 2, 5]);
  });

  it("applies a rule to one matching delivery unless told more", async () => {
    const webhooks = dispatcher({ rules: [{ kind: "hold" }] });
    for (let sequence = 1; sequence <= 4; sequence += 1) webhooks.send("issue_comment", numbered(sequence));
    await webhooks.idle();
    expect(order()).toEqual([2, 1, 3, 4]);

    webhooks.setFaults({ rules: [{ kind: "hold", times: 2 }] });
    for (let sequence = 5; sequence <= 8; sequence += 1) webhooks.send("issue_comment", numbered(sequence));
    await webhooks.idle();
    expect(order().slice(4)).toEqual([7, 5, 6, 8]);
  });

  it("never holds forever: idle sends what is held last, and can leave it held", async () => {
    const webhooks = dispatcher({ rules: [{ kind: "hold", after: 10 }] });
    let delivered = false;
    const held = webhooks.send("issue_comment", numbered(1)).then((record) => ((delivered = true), record));

    await webhooks.idle({ releaseHeld: false });
    expect(webhooks.heldCount()).toBe(1);
    expect(delivered).toBe(false);
    expect(receiver.received).toHaveLength(0);

    await webhooks.idle();
    expect(webhooks.heldCount()).toBe(0);
    expect(await held).toMatchObject({ status: "OK", id: 1 });
    expect(order()).toEqual([1]);
  });

  it("delays a delivery while later ones overtake it, and idle waits for it", async () => {
    const edited = { event: "issue_comment", action: "edited" };
    const webhooks = dispatcher({ rules: [{ kind: "delay", ms: 60, match: edited }] });
    webhooks.send("issue_comment", numbered(1, "edited"));
    webhooks.send("issue_comment", numbered(2));
    webhooks.send("issue_comment", numbered(3));
    await webhooks.idle({ releaseHeld: false });
    expect(order()).toEqual([2, 3, 1]);
  });

  it("a delayed delivery counts as a later one for what is held", async () => {
    const webhooks = dispatcher({
      rules: [
        { kind: "delay", ms: 30, match: { event: "issue_comment", action: "edited" } },
        { kind: "hold", match: { event: "issue_comment", action: "deleted" } },
      ],
    });
    webhooks.send("issue_comment", numbered(1, "edited"));
    webhooks.send("issue_comment", numbered(2, "deleted"));
    await webhooks.idle({ releaseHeld: false });
    expect(order()).toEqual([1, 2]);
    expect(webhooks.heldCount()).toBe(0);
  });

  it("random faults from a seed are the same on every run", async () => {
    const faults = (): WebhookFaults => ({ duplicateRate: 0.3, reorderRate: 0.3, random: seededRandom(13) });
    const run = async (): Promise<number[]> => {
      receiver.received.length = 0;
      const webhooks = dispatcher(faults());
      for (let sequence = 1; sequence <= 20; sequence += 1) webhooks.send("issue_comment", numbered(sequence));
      await webhooks.idle();
      return order();
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first)).toEqual(new Set(Array.from({ length: 20 }, (_, index) => index + 1)));
    expect(first.length).toBeGreaterThan(20);
    expect(first.slice(0, 20)).not.toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
  });

  it("seededRandom draws in [0, 1) and depends on the seed", () => {
    const draws = Array.from({ length: 1000 }, seededRandom(1));
    expect(draws.every((draw) => draw >= 0 && draw < 1)).toBe(true);
    expect(Array.from({ length: 5 }, seededRandom(2))).not.toEqual(draws.slice(0, 5));
  });

  it("refuses faults that cannot mean anything, with the field named", () => {
    expect(() => dispatcher({ duplicateRate: 2 })).toThrow("duplicateRate must be between 0 and 1, got 2");
    expect(() => dispatcher({ rules: [{ kind: "delay", ms: -1 }] })).toThrow(
      "rules[0] (delay) needs ms of 0 or more, got -1",
    );
    expect(() => dispatcher({ rules: [{ kind: "hold", after: -2 }] })).toThrow("rules[0].after must be 0 or more");
    expect(() => dispatcher({ rules: [{ kind: "swap" } as never] })).toThrow('rules[0] has unknown kind "swap"');
    const webhooks = dispatcher({});
    expect(() => webhooks.setFaults({ reorderRate: -0.1 })).toThrow("reorderRate must be between 0 and 1");
  });
});
