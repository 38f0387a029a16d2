import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware, Probot } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { examplePayload, WebhookDispatcher, withInstallation } from "../../src/webhooks/index.js";

interface Seen {
  name: string;
  id: string;
  action: unknown;
  installationId: unknown;
}

/** The strictest judge of "like GitHub": Probot's own webhook middleware, the one the app runs behind. */
describe("deliveries received by Probot", () => {
  const secret = randomBytes(20).toString("hex");
  const seen: Seen[] = [];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const { privateKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const probot = new Probot({ appId: 4242, privateKey, secret, logLevel: "fatal" });
    const middleware = await createNodeMiddleware(
      (app) => {
        app.onAny((context) => {
          const payload = context.payload as { action?: unknown; installation?: { id?: unknown } };
          seen.push({
            name: context.name,
            id: context.id,
            action: payload.action,
            installationId: payload.installation?.id,
          });
        });
      },
      { probot },
    );
    server = createServer((request, response) => {
      void middleware(request, response, () => response.writeHead(404).end());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("accepts signed deliveries and hands handlers the delivery id and installation", async () => {
    seen.length = 0;
    const webhooks = new WebhookDispatcher({ url, secret });
    const opened = await webhooks.send("issues", withInstallation(examplePayload("issues", "opened"), 77));
    const pushed = await webhooks.send("push", withInstallation(examplePayload("push"), 77));
    const again = await webhooks.redeliver(opened.id);

    expect([opened.status, pushed.status, again?.status]).toEqual(["OK", "OK", "OK"]);
    expect(seen).toEqual([
      { name: "issues", id: opened.guid, action: "opened", installationId: 77 },
      { name: "push", id: pushed.guid, action: undefined, installationId: 77 },
      { name: "issues", id: opened.guid, action: "opened", installationId: 77 },
    ]);
  });

  it("refuses a delivery signed with another secret, and the refusal is recorded", async () => {
    seen.length = 0;
    const webhooks = new WebhookDispatcher({ url, secret: randomBytes(20).toString("hex") });
    const record = await webhooks.send("issues", withInstallation(examplePayload("issues", "opened"), 77));
    expect(record).toMatchObject({ status: "Invalid HTTP Response: 400", status_code: 400 });
    expect(record.response.payload).toMatch(/signature does not match/);
    expect(seen).toEqual([]);
  });
});
