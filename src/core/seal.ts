import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signs a text with the app's secret (the webhook secret, `Webhooks.sign`: `sha256=<hex>` of an
 * HMAC). Every replica of one app signs alike; nobody without the secret can. What the app keeps
 * in places any writer may edit (its comments, its dashboard issue) carries such a seal.
 */
export type RecordSigner = (payload: string) => Promise<string>;

/** `Webhooks.sign` of a secret: `sha256=` and the hex HMAC-SHA256 of the text. */
export const hmacSigner =
  (secret: string | Buffer): RecordSigner =>
  async (payload) =>
    `sha256=${createHmac("sha256", secret).update(payload).digest("hex")}`;

/**
 * Whether `seal` is a signer's seal of `payload`: several signers while a secret is being rotated
 * (the current one and the one before). Compared in constant time.
 */
export async function sealMatches(
  payload: string,
  seal: string,
  signers: RecordSigner | readonly RecordSigner[],
): Promise<boolean> {
  const given = Buffer.from(seal);
  for (const sign of typeof signers === "function" ? [signers] : signers) {
    const expected = Buffer.from(await sign(payload));
    if (expected.length === given.length && timingSafeEqual(expected, given)) return true;
  }
  return false;
}
