import { createHmac, timingSafeEqual } from "node:crypto";

/** A delivery as the webhook middleware hands it over: the raw body and its `X-Hub-Signature-256`. */
export interface SignedDelivery {
  id: string;
  name: string;
  payload: string;
  signature: string;
}

/** What Probot's `Webhooks` offers for receiving: its middleware calls `verifyAndReceive` per delivery. */
export interface ReceivingWebhooks {
  verify(payload: string, signature: string): Promise<boolean>;
  verifyAndReceive(delivery: SignedDelivery): Promise<void>;
  sign(payload: string): Promise<string>;
}

/**
 * Lets deliveries signed with the webhook secret before a rotation through, while GitHub may still
 * send them. Rotating the secret is two steps that cannot happen at once: the app is deployed with
 * the new secret, then the app's settings on GitHub are changed (or the other way round). Probot
 * checks one secret, so every delivery signed in between (and every redelivery of one) was refused
 * with 400 and lost. A delivery that the current secret does not verify but `previous` does is
 * received as if signed with the current one; anything else goes to Probot's own check unchanged,
 * so a delivery signed with neither is refused as before. `onAccepted` is told of each one let
 * through (a log line: the rotation is not finished while they come).
 */
export function acceptPreviousWebhookSecret(
  webhooks: ReceivingWebhooks,
  previous: string,
  onAccepted: (delivery: { id: string; name: string }) => void = () => undefined,
): void {
  const verifyAndReceive = webhooks.verifyAndReceive;
  webhooks.verifyAndReceive = async (event) => {
    const current = await webhooks.verify(event.payload, event.signature).catch(() => false);
    if (!current && signedWith(previous, event.payload, event.signature)) {
      onAccepted({ id: event.id, name: event.name });
      return verifyAndReceive({ ...event, signature: await webhooks.sign(event.payload) });
    }
    return verifyAndReceive(event);
  };
}

/** Whether `signature` is GitHub's `X-Hub-Signature-256` of `payload` under `secret`. */
function signedWith(secret: string, payload: string, signature: string | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(payload).digest("hex")}`);
  const given = Buffer.from(signature ?? "");
  return expected.length === given.length && timingSafeEqual(expected, given);
}
