import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
  /** Requests being handled when this one arrived, itself included. */
  inFlight: number;
}

export interface ReceiverReply {
  status?: number;
  delayMs?: number;
  body?: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedDelivery[];
  /** Decides each answer; the default is 200 "ok" at once. */
  reply: (delivery: ReceivedDelivery, index: number) => ReceiverReply;
  close: () => Promise<void>;
}

/** A real HTTP endpoint on 127.0.0.1 standing in for the app's webhook route. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  let inFlight = 0;
  const receiver: WebhookReceiver = {
    url: "",
    received: [],
    reply: () => ({}),
    close: () => Promise.resolve(),
  };
  const server: Server = createServer((request, response) => {
    inFlight += 1;
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const delivery = { headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), inFlight };
      const index = receiver.received.push(delivery) - 1;
      const { status = 200, delayMs = 0, body = "ok" } = receiver.reply(delivery, index);
      setTimeout(() => {
        inFlight -= 1;
        response.writeHead(status, { "content-type": "text/plain", "x-receiver": "test" }).end(body);
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}/api/github/webhooks`;
  receiver.close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return receiver;
}

/** A URL on which nothing listens: a port that was bound a moment ago and released. */
export async function unusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/api/github/webhooks`;
}
