import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Sandbox } from "@autopilot/github-sandbox";
import { hasRedisServer, startRedisServer, type RedisServer } from "../helpers/redis-server.js";

/*
 * REDIS_URL: several Autopilot replicas behind a load balancer must share one view of GitHub's
 * rate limits. Probot builds that from the environment (its Bottleneck limiters move to Redis),
 * so this test starts a real redis-server, two app instances configured the way `npm start` is
 * (environment variables only), and checks both instances registered with the same limiters.
 *
 * Needs `redis-server` (Debian package redis-server; `.ci/run` installs it). Where it is missing
 * the test is skipped locally and fails in CI, so CI can never pass without running it.
 */
describe.skipIf(!hasRedisServer)("REDIS_URL: cluster-wide throttling", () => {
  let server: RedisServer;
  let sandbox: Sandbox;
  let redis: Redis;

  beforeAll(async () => {
    server = await startRedisServer();
    redis = server.client();
    sandbox = await Sandbox.start();
  });

  afterAll(async () => {
    await sandbox?.stop();
    await server?.stop();
  });

  const runReplica = (redisUrl: string | undefined): Promise<number | null> =>
    new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", fileURLToPath(new URL("./fixtures/replica.ts", import.meta.url))],
        {
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
        },
      );
      child.once("error", reject);
      child.once("exit", (code) => resolve(code));
    });

  it("two replicas configured by environment share their GitHub rate limiters in Redis", async () => {
    const url = server.url;
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
