import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Sandbox } from "../../src/sandbox/index.js";

/*
 * REDIS_URL: several Autopilot replicas behind a load balancer must share one view of GitHub's
 * rate limits. Probot builds that from the environment (its Bottleneck limiters move to Redis),
 * so this test starts a real redis-server, two app instances configured the way `npm start` is
 * (environment variables only), and checks both instances registered with the same limiters.
 *
 * Needs `redis-server` (Debian package redis-server; `.ci/run` installs it). Where it is missing
 * the test is skipped locally and fails in CI, so CI can never pass without running it.
 */
const hasRedis = spawnSync("redis-server", ["--version"]).status === 0;
if (!hasRedis && process.env.CI) throw new Error("redis-server is not installed: .ci/run should install the redis-server package");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitForRedis(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const client = new Redis(port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on("error", () => undefined); // refused while the server starts: the loop tries again
    try {
      await client.connect();
      if ((await client.ping()) === "PONG") return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      client.disconnect();
    }
  }
  throw new Error(`redis-server did not answer on port ${port}`);
}

describe.skipIf(!hasRedis)("REDIS_URL: cluster-wide throttling", () => {
  let server: ChildProcess;
  let sandbox: Sandbox;
  let redis: Redis;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    await waitForRedis(port);
    redis = new Redis(port, "127.0.0.1");
    sandbox = await Sandbox.start();
  });

  afterAll(async () => {
    redis?.disconnect();
    await sandbox?.stop();
    server?.kill();
  });

  const runReplica = (redisUrl: string | undefined): Promise<number | null> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./fixtures/replica.ts", import.meta.url))], {
        env: {
          PATH: process.env.PATH,
          APP_ID: String(sandbox.appId),
          PRIVATE_KEY: sandbox.credentials.privateKeyPem,
          WEBHOOK_SECRET: "replica-secret",
          INSTALLATION_ID: String(sandbox.installationId),
          GHE_HOST: new URL(sandbox.apiUrl).host,
          GHE_PROTOCOL: "http",
          LOG_LEVEL: "warn",
          ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
        },
        stdio: ["ignore", "ignore", "inherit"],
      });
      child.once("error", reject);
      child.once("exit", (code) => resolve(code));
    });

  it("two replicas configured by environment share their GitHub rate limiters in Redis", async () => {
    const url = `redis://127.0.0.1:${port}`;
    expect(await Promise.all([runReplica(url), runReplica(url)])).toEqual([0, 0]);

    // Octokit's throttling keeps one limiter per group; with Redis each replica registers as a client of the same one
    expect(await redis.zrange("b_octokit-write-1_client_last_registered", 0, -1)).toHaveLength(2);
    expect(await redis.zrange("b_octokit-global-1_client_last_registered", 0, -1)).toHaveLength(2);
    expect(await redis.exists("b_octokit-write-1_settings")).toBe(1);
  });

  it("without REDIS_URL a replica keeps its limiters to itself", async () => {
    await redis.flushall();
    expect(await runReplica(undefined)).toBe(0);
    expect(await redis.keys("*")).toEqual([]);
  });
});
