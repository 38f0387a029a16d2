import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { parseEnv, webhookSecretProblem } from "../../src/env.js";
import { healthHandler } from "../../src/health.js";

describe("environment", () => {
  it("applies Probot's defaults and reads the model keys", () => {
    const env = parseEnv({ APP_ID: "12", OPENAI_API_KEY: "", AUTOPILOT_DRY_RUN: "true" });
    expect(env).toMatchObject({
      APP_ID: "12",
      PORT: 3000,
      HOST: "localhost",
      LOG_LEVEL: "info",
      AUTOPILOT_DRY_RUN: true,
    });
    expect(env.OPENAI_API_KEY).toBeUndefined();
  });

  it("names every invalid variable at once", () => {
    expect(() => parseEnv({ PORT: "http", LOG_LEVEL: "loud" } as unknown as NodeJS.ProcessEnv)).toThrow(
      /PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/,
    );
  });

  it("requires a real webhook secret unless NODE_ENV=development is set explicitly", () => {
    const secret = ["verify", "me", String(Date.now())].join("-");
    expect(webhookSecretProblem({ NODE_ENV: "production", WEBHOOK_SECRET: secret })).toBeUndefined();
    expect(webhookSecretProblem({ NODE_ENV: "development" })).toBeUndefined();
    expect(webhookSecretProblem({})).toMatch(/WEBHOOK_SECRET is not set/);
    expect(webhookSecretProblem({ NODE_ENV: "production", WEBHOOK_SECRET: "  " })).toMatch(/WEBHOOK_SECRET is not set/);
    expect(webhookSecretProblem({ NODE_ENV: "test", WEBHOOK_SECRET: "development" })).toMatch(/public fallback/);
  });
});

describe("/healthz", () => {
  it("answers GET /healthz with status ok and leaves other paths to the next handler", async () => {
    const handler = healthHandler("9.9.9");
    const server = createServer((req, res) => {
      if (!handler(req, res)) {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ status: "ok", version: "9.9.9" });
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});

describe("the Probot app", () => {
  it("loads into a Probot server and serves /healthz", async () => {
    const { generateKeyPairSync } = await import("node:crypto");
    const { Probot, Server } = await import("probot");
    const { default: autopilot } = await import("../../src/index.js");
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
    const server = new Server({
      host: "127.0.0.1",
      port: 0,
      Probot: Probot.defaults({ appId: 1, privateKey: pem, secret: "test", logLevel: "fatal" }),
    });
    await server.load(autopilot);
    const http = await server.start();
    const { port } = http.address() as AddressInfo;
    try {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok" });
    } finally {
      await server.stop();
    }
  });
});
