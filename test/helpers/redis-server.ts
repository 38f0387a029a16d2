import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { freePort } from "../deploy/server-process.js";
import { killedAfterTest } from "./child-processes.js";

/**
 * A real redis-server for the tests of REDIS_URL (Debian package redis-server; `.ci/run` installs
 * it). Where it is missing the tests are skipped locally and fail in CI, so CI cannot pass without them.
 */
export const hasRedisServer = spawnSync("redis-server", ["--version"]).status === 0;
if (!hasRedisServer && process.env.CI)
  throw new Error("redis-server is not installed: .ci/run should install the redis-server package");

export interface RedisServer {
  port: number;
  url: string;
  process: ChildProcess;
  /** a client of its own; disconnected by `stop()` */
  client(): Redis;
  stop(): Promise<void>;
}

/** Starts a throw-away redis-server (no persistence) on a free port and waits until it answers. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  // killed when the test ends, also when it times out before `stop()`
  const child = killedAfterTest(
    spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    }),
  );
  const clients: Redis[] = [];
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    process: child,
    client: () => {
      const client = new Redis(port, "127.0.0.1", { maxRetriesPerRequest: 1 });
      client.on("error", () => undefined); // a test that kills the server expects the errors
      clients.push(client);
      return client;
    },
    stop: async () => {
      for (const client of clients) client.disconnect();
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
  };
  try {
    await waitForRedis(port);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

async function waitForRedis(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const client = new Redis(port, "127.0.0.1", {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
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
