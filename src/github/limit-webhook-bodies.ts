import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";
import { readWebhookBody, type WebhookBodyLimits } from "./read-webhook-body.js";

/**
 * GitHub's own limit: "Payloads are capped at 25 MB. If an event generates a larger payload, GitHub
 * will not deliver a payload for that webhook event." (docs.github.com, Webhook events and payloads
 * → Payload cap). Taken as MiB, the larger reading, so no body GitHub sends is refused.
 */
export const GITHUB_WEBHOOK_PAYLOAD_CAP_BYTES = 25 * 1024 * 1024;

/**
 * GitHub gives up on a delivery not answered within 10 s (30 s on GitHub Enterprise Server): a body
 * still arriving after a minute is one nobody waits for, and it would hold its memory meanwhile.
 */
export const WEBHOOK_BODY_DEADLINE_MS = 60_000;

type NodeMiddleware = Awaited<ReturnType<Probot["getNodeMiddleware"]>>;
type Next = Parameters<NodeMiddleware>[2];

/**
 * Puts a guard in front of Probot's webhook middleware, which reads a whole body into memory before
 * it checks the signature: anyone who reaches the webhook URL could make the process hold any amount.
 * The guard reads the body itself, at most `maxBytes` within `deadlineMs`, and hands the text on as
 * `req.body` (which `@octokit/webhooks` takes instead of reading). A body announced or streamed past
 * the limit is refused with 413, one too slow with 408, and the connection is closed: nothing more
 * of it is read. Every other request, and every body within the limits, goes on as before.
 *
 * Probot's `Server` always puts the middleware first, built by `probot.getNodeMiddleware()` when
 * the server starts; the app function runs before that, so this wraps that method on `probot`.
 */
export function limitWebhookBodies(
  probot: Probot,
  options: { path: string; limits?: Partial<WebhookBodyLimits> },
): void {
  const limits: WebhookBodyLimits = {
    maxBytes: GITHUB_WEBHOOK_PAYLOAD_CAP_BYTES,
    deadlineMs: WEBHOOK_BODY_DEADLINE_MS,
    ...options.limits,
  };
  const getNodeMiddleware = probot.getNodeMiddleware.bind(probot);
  probot.getNodeMiddleware = async (middlewareOptions = {}) => {
    // the guard and the middleware judge one path
    const path = middlewareOptions.path ?? options.path;
    const middleware = await getNodeMiddleware({ ...middlewareOptions, path });
    return guarded(middleware, path, limits, probot.log);
  };
}

function guarded(middleware: NodeMiddleware, path: string, limits: WebhookBodyLimits, log: Probot["log"]) {
  const webhookPath = withoutTrailingSlashes(path);
  return async (req: IncomingMessage, res: ServerResponse, next?: Next): Promise<boolean> => {
    if (req.method !== "POST" || pathnameOf(req.url ?? "") !== webhookPath) return middleware(req, res, next);
    const read = await readWebhookBody(req, limits);
    switch (read.outcome) {
      case "read":
        req.body = read.payload;
        return middleware(req, res, next);
      case "aborted":
        return true;
      case "too-large":
        log.warn(
          { limit: limits.maxBytes },
          "webhook request over GitHub's payload cap: refused (413), the rest not read",
        );
        return refuse(res, 413, `Payload too large: GitHub sends at most ${limits.maxBytes} bytes`);
      case "too-slow":
        log.warn({ deadline_ms: limits.deadlineMs }, "webhook request body still arriving: refused (408)");
        return refuse(res, 408, `Request body not received within ${limits.deadlineMs} ms`);
    }
  };
}

/** Answers at once and closes the connection, so the rest of the body is never read. */
function refuse(res: ServerResponse, status: number, error: string): true {
  const body = JSON.stringify({ error });
  res
    .writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
      connection: "close",
    })
    .end(body);
  return true;
}

/** The path `@octokit/webhooks`' middleware compares (trailing slashes dropped, then parsed as a URL). */
function pathnameOf(url: string): string | undefined {
  try {
    return new URL(withoutTrailingSlashes(url), "http://localhost").pathname;
  } catch {
    return undefined; // the middleware answers 422 for it
  }
}

function withoutTrailingSlashes(path: string): string {
  return path.replace(/\/+$/, "") || "/";
}
