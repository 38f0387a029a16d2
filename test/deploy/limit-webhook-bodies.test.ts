import { createHmac, generateKeyPairSync } from "node:crypto";
import { type IncomingMessage, request as httpRequest } from "node:http";
import { pino } from "pino";
import { Probot, Server } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { GITHUB_WEBHOOK_PAYLOAD_CAP_BYTES, limitWebhookBodies } from "../../src/github/limit-webhook-bodies.js";
import type { WebhookBodyLimits } from "../../src/github/read-webhook-body.js";
import { freePort } from "./server-process.js";

const secret = "limit-webhook-bodies";
const path = "/api/github/webhooks";
const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .privateKey.export({ type: "pkcs1", format: "pem" })
  .toString();

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

/** Probot's own server on a free port, the guard in front of its webhook middleware; `pings` are the payloads received. */
async function serve(limits?: Partial<WebhookBodyLimits>) {
  const pings: string[] = [];
  const server = new Server({
    host: "127.0.0.1",
    port: await freePort(),
    log: pino({ level: "silent" }),
    Probot: Probot.defaults({ appId: 1, privateKey, secret }),
  });
  await server.load((app) => {
    limitWebhookBodies(app, { path, ...(limits && { limits }) });
    app.on("ping", (context) => void pings.push((context.payload as { zen: string }).zen));
  });
  await server.start();
  stops.push(() => server.stop());
  return { url: `http://127.0.0.1:${server.port}`, pings };
}

/** A ping delivery whose body is `zen` wrapped in JSON, signed as GitHub signs it. */
function ping(zen: string) {
  const body = JSON.stringify({ zen, hook_id: 1 });
  const headers = {
    "content-type": "application/json",
    "x-github-event": "ping",
    "x-github-delivery": `ping-${body.length}`,
    "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
  };
  return { body, headers };
}

/** POSTs `body` in pieces of `pieceBytes` (chunked, no length) and resolves with the answer's status. */
function postInPieces(url: string, delivery: { body: string; headers: Record<string, string> }, pieceBytes: number) {
  const bytes = Buffer.from(delivery.body);
  const request = httpRequest(`${url}${path}`, { method: "POST", agent: false, headers: delivery.headers });
  const status = new Promise<number | undefined>((done, fail) => {
    request.once("response", (response) => done(response.statusCode)).once("error", fail);
  });
  for (let at = 0; at < bytes.length; at += pieceBytes) request.write(bytes.subarray(at, at + pieceBytes));
  request.end();
  return status;
}

describe("the webhook body limit in front of Probot's middleware", () => {
  it("lets the largest delivery GitHub sends through, signature checked and received", async () => {
    const { url, pings } = await serve();
    const frame = ping("").body.length;
    const delivery = ping("x".repeat(GITHUB_WEBHOOK_PAYLOAD_CAP_BYTES - frame));
    expect(delivery.body.length).toBe(GITHUB_WEBHOOK_PAYLOAD_CAP_BYTES);
    const answer = await fetch(`${url}${path}`, { method: "POST", headers: delivery.headers, body: delivery.body });
    expect(answer.status).toBe(200);
    expect(pings.map((zen) => zen.length)).toEqual([GITHUB_WEBHOOK_PAYLOAD_CAP_BYTES - frame]);
  });

  it("reads a body cut inside its UTF-8 characters as the middleware did: same text, same signature", async () => {
    const { url, pings } = await serve();
    const zen = "Ünïcödé — keep it 🚀 logically awesome";
    expect(await postInPieces(url, ping(zen), 1)).toBe(200);
    expect(pings).toEqual([zen]);
  });

  it("still refuses a delivery within the limit whose signature is wrong", async () => {
    const { url, pings } = await serve();
    const delivery = ping("forged");
    const headers = { ...delivery.headers, "x-hub-signature-256": `sha256=${"0".repeat(64)}` };
    const answer = await fetch(`${url}${path}`, { method: "POST", headers, body: delivery.body });
    expect(answer.status).toBe(400);
    expect(pings).toEqual([]);
  });

  it("refuses one byte over the limit with 413, announced or streamed, and nothing is received", async () => {
    const { url, pings } = await serve({ maxBytes: 1024 });
    const delivery = ping("y".repeat(1025 - ping("").body.length));
    const announced = await fetch(`${url}${path}`, { method: "POST", headers: delivery.headers, body: delivery.body });
    expect(announced.status).toBe(413);
    expect(await announced.json()).toEqual({ error: "Payload too large: GitHub sends at most 1024 bytes" });
    expect(await postInPieces(url, delivery, 100)).toBe(413);
    expect(pings).toEqual([]);
  });

  it("answers 408 and closes the connection when the body stops arriving before its end", async () => {
    const { url, pings } = await serve({ deadlineMs: 50 });
    const delivery = ping("slow");
    // 10 bytes of the announced length are sent, the rest never is
    const headers = { ...delivery.headers, "content-length": String(delivery.body.length) };
    const request = httpRequest(`${url}${path}`, { method: "POST", agent: false, headers });
    const answer = new Promise<IncomingMessage>((done, fail) => request.once("response", done).once("error", fail));
    const closed = new Promise((done) => request.once("close", done));
    request.write(delivery.body.slice(0, 10));
    const response = await answer;
    expect(response.statusCode).toBe(408);
    expect(response.headers.connection).toBe("close");
    response.resume();
    await closed;
    expect(pings).toEqual([]);
  });
});
