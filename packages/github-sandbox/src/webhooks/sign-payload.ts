import { createHmac } from "node:crypto";

/**
 * GitHub's webhook signature over the exact body bytes: `sha256=<hex HMAC>` for
 * `X-Hub-Signature-256`, or `sha1=<hex HMAC>` for the legacy `X-Hub-Signature`.
 */
export function signPayload(secret: string, body: string, algorithm: "sha256" | "sha1" = "sha256"): string {
  return `${algorithm}=${createHmac(algorithm, secret).update(body, "utf8").digest("hex")}`;
}
