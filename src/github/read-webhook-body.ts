import type { IncomingMessage } from "node:http";

/** How reading a request body ended: its text, or why there is none. */
export type WebhookBodyRead =
  | { outcome: "read"; payload: string }
  /** more than `maxBytes` arrived (or were announced): the chunks are dropped, the rest is not kept */
  | { outcome: "too-large" }
  /** the body had not ended by `deadlineMs` */
  | { outcome: "too-slow" }
  /** the client went away before the end: there is nobody to answer */
  | { outcome: "aborted" };

export interface WebhookBodyLimits {
  maxBytes: number;
  deadlineMs: number;
}

/**
 * Reads `req`'s body, keeping at most `maxBytes` of it and waiting at most `deadlineMs`. The text is
 * decoded as `@octokit/webhooks` decodes a body it reads itself (UTF-8, `fatal: false`, a BOM
 * dropped), so the signature is checked against the very string it was checked against before.
 * Once past a limit, nothing more is kept: what the client still sends is read and dropped until
 * the caller closes the connection.
 */
export function readWebhookBody(req: IncomingMessage, limits: WebhookBodyLimits): Promise<WebhookBodyRead> {
  const declared = Number(req.headers["content-length"]);
  if (declared > limits.maxBytes) return Promise.resolve({ outcome: "too-large" });
  return new Promise((resolve) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const settle = (read: WebhookBodyRead): void => {
      clearTimeout(deadline);
      req.off("data", onData).off("end", onEnd).off("error", onGone).off("close", onGone);
      // removing the 'data' listener does not pause the stream: later chunks are dropped unread
      chunks = [];
      resolve(read);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limits.maxBytes) settle({ outcome: "too-large" });
      else chunks.push(chunk);
    };
    const onEnd = (): void => {
      const payload = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks, size));
      settle({ outcome: "read", payload });
    };
    const onGone = (): void => settle({ outcome: "aborted" });
    const deadline = setTimeout(() => settle({ outcome: "too-slow" }), limits.deadlineMs);
    req.on("data", onData).once("end", onEnd).once("error", onGone).once("close", onGone);
  });
}
