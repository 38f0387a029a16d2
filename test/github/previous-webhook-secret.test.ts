import { createHmac } from "node:crypto";
import { Webhooks } from "@octokit/webhooks";
import { describe, expect, it } from "vitest";
import { acceptPreviousWebhookSecret } from "../../src/github/previous-webhook-secret.js";

const payload = JSON.stringify({ action: "opened", issue: { number: 7 }, repository: { name: "widgets" } });
const signed = (secret: string, body = payload) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
const delivery = (signature: string, body = payload) => ({
  id: "d-1",
  name: "issues" as const,
  payload: body,
  signature,
});

/** A `Webhooks` with the new secret, recording what its handlers receive and which deliveries came through the old one. */
function rotated(previous?: string) {
  const webhooks = new Webhooks({ secret: "new-secret" });
  const received: number[] = [];
  const accepted: string[] = [];
  webhooks.on("issues.opened", ({ payload: event }) => {
    received.push(event.issue.number);
  });
  if (previous !== undefined) acceptPreviousWebhookSecret(webhooks, previous, ({ id }) => accepted.push(id));
  return { webhooks, received, accepted };
}

describe("acceptPreviousWebhookSecret", () => {
  it("receives a delivery signed with the secret before the rotation, and says so", async () => {
    const { webhooks, received, accepted } = rotated("old-secret");
    await webhooks.verifyAndReceive(delivery(signed("old-secret")));
    expect(received).toEqual([7]);
    expect(accepted).toEqual(["d-1"]);
  });

  it("receives a delivery signed with the current secret without calling it a rotation's", async () => {
    const { webhooks, received, accepted } = rotated("old-secret");
    await webhooks.verifyAndReceive(delivery(signed("new-secret")));
    expect(received).toEqual([7]);
    expect(accepted).toEqual([]);
  });

  it("refuses a delivery signed with any other secret, unsigned, or altered after signing, as Probot does", async () => {
    const { webhooks, received } = rotated("old-secret");
    const altered = payload.replace('"number":7', '"number":8');
    for (const event of [
      delivery(signed("guessed")),
      delivery(""),
      delivery(signed("old-secret"), altered),
      delivery(signed("old-secret").slice(0, -1)),
    ]) {
      await expect(webhooks.verifyAndReceive(event)).rejects.toMatchObject({
        errors: [expect.objectContaining({ status: 400 })],
      });
    }
    expect(received).toEqual([]);
  });

  it("without it, a delivery signed with the old secret is refused (what a rotation lost before)", async () => {
    const { webhooks, received } = rotated();
    await expect(webhooks.verifyAndReceive(delivery(signed("old-secret")))).rejects.toMatchObject({
      errors: [expect.objectContaining({ status: 400 })],
    });
    expect(received).toEqual([]);
  });
});
