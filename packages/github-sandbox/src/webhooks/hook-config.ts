/**
 * The app's webhook as GitHub keeps it (`webhook-config`, `GET`/`PATCH /app/hook/config`): where
 * deliveries go, how they are encoded and what signs them. Read at each attempt, so a change
 * applies to the next delivery and to redeliveries, never to what was sent already.
 */
export interface HookConfig {
  /** Undefined: deliveries are recorded, not sent. */
  url: string | undefined;
  /** `json` posts the payload as it is; `form` as `payload=<the JSON, URL-encoded>`. */
  contentType: "json" | "form";
  /** The HMAC key of both signature headers; "" signs nothing, as GitHub sends them only with a secret. */
  secret: string;
  /** "1" would skip verifying the receiver's TLS certificate; kept and shown, the sandbox posts as its `fetch` does. */
  insecureSsl: "0" | "1";
}

/** What a delivery carries on the wire: the body (its bytes are what is signed) and its media type. */
export interface EncodedDelivery {
  body: string;
  mediaType: string;
}

/** The payload's JSON as GitHub sends it for the content type: as it is, or as a form's `payload` field. */
export function encodeDelivery(contentType: HookConfig["contentType"], json: string): EncodedDelivery {
  if (contentType === "json") return { body: json, mediaType: "application/json" };
  return { body: new URLSearchParams({ payload: json }).toString(), mediaType: "application/x-www-form-urlencoded" };
}
