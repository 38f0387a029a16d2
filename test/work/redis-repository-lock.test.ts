import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  RedisRepositoryLock,
  repositoryLockKey,
  WorkQueue,
  type LockLog,
  type RepositoryLease,
} from "../../src/work/index.js";
import { freePort } from "../deploy/server-process.js";
import { hasRedisServer, startRedisServer, type RedisServer } from "../helpers/redis-server.js";
import { settle } from "./deferred.js";
import { recordingLog } from "./recording-log.js";

const repo = "Acme/Widgets";
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function lockLog() {
  const lines: Array<{ level: string; fields: object; message: string }> = [];
  const at = (level: string) => (fields: object, message: string) => void lines.push({ level, fields, message });
  const log: LockLog & { lines: typeof lines } = { lines, info: at("info"), warn: at("warn"), error: at("error") };
  return log;
}

/** Polls until the lock is taken: what a waiting replica does. */
async function acquireWithin(
  lock: RedisRepositoryLock,
  ms: number,
): Promise<{ lease: RepositoryLease; waitedMs: number }> {
  const started = Date.now();
  for (;;) {
    const lease = await lock.tryAcquire(repo);
    if (lease) return { lease, waitedMs: Date.now() - started };
    if (Date.now() - started > ms) throw new Error(`lock not taken within ${ms} ms`);
    await sleep(20);
  }
}

describe.skipIf(!hasRedisServer)("RedisRepositoryLock on a real redis-server", () => {
  let redis: RedisServer;
  const locks: RedisRepositoryLock[] = [];
  const lockOn = (options: { ttlMs?: number; appId?: string } = {}) => {
    const lock = new RedisRepositoryLock({
      redis: redis.client(),
      appId: options.appId ?? "42",
      log: lockLog(),
      ...options,
    });
    locks.push(lock);
    return lock;
  };

  beforeEach(async () => {
    redis = await startRedisServer();
  });
  afterEach(async () => {
    for (const lock of locks.splice(0)) await lock.close().catch(() => undefined);
    await redis.stop();
  });

  it("keys the lock by app id and lowercased repository", async () => {
    const lease = await lockOn().tryAcquire(repo);
    expect(lease).toBeDefined();
    expect(await redis.client().keys("*")).toEqual(["autopilot:42:lock:acme/widgets"]);
    expect(repositoryLockKey("42", "Acme/Widgets")).toBe("autopilot:42:lock:acme/widgets");
    // another app on the same Redis has locks of its own
    expect(await lockOn({ appId: "43" }).tryAcquire(repo)).toBeDefined();
  });

  it("lets one client hold a repository at a time; the other takes it once it is released", async () => {
    const [first, second] = [lockOn(), lockOn()];
    const held = await first.tryAcquire(repo);
    expect(held).toBeDefined();
    expect(await second.tryAcquire(repo)).toBeUndefined();
    expect(await second.tryAcquire("acme/gadgets")).toBeDefined(); // other repositories are free
    await held!.release();
    expect(await second.tryAcquire(repo)).toBeDefined();
  });

  it("frees the lock of a holder that crashed once the TTL runs out", async () => {
    const connection = redis.client();
    const crashing = new RedisRepositoryLock({ redis: connection, appId: "42", ttlMs: 400, log: lockLog() });
    expect(await crashing.tryAcquire(repo)).toBeDefined();
    const taken = Date.now();
    connection.disconnect(); // the process is gone: no release, and its renewals never arrive
    const waiting = lockOn({ ttlMs: 400 });
    const { lease } = await acquireWithin(waiting, 3_000);
    expect(lease).toBeDefined();
    expect(Date.now() - taken).toBeGreaterThanOrEqual(350);
  });

  it("releases only the holder's own lock: a late release does not free the next holder's", async () => {
    const [late, next] = [lockOn({ ttlMs: 200 }), lockOn()];
    const stale = await late.tryAcquire(repo);
    // the holder stalls past its TTL (renewals lost): the lock expires and another replica takes it
    await redis.client().del(repositoryLockKey("42", repo));
    const current = await next.tryAcquire(repo);
    expect(current).toBeDefined();
    await stale!.release();
    expect(await redis.client().exists(repositoryLockKey("42", repo))).toBe(1);
    expect(await lockOn().tryAcquire(repo)).toBeUndefined();
  });

  it("renews the lease while a job runs longer than the TTL", async () => {
    // a TTL long enough that a busy machine's timer delays cannot outlast it between renewals
    const [holder, other] = [lockOn({ ttlMs: 1_000 }), lockOn()];
    const lease = await holder.tryAcquire(repo);
    for (let waited = 0; waited < 3_000; waited += 100) {
      await sleep(100);
      expect(await other.tryAcquire(repo)).toBeUndefined();
    }
    await lease!.release();
    expect(await other.tryAcquire(repo)).toBeDefined();
  });
});

describe.skipIf(!hasRedisServer)("WorkQueue with a Redis repository lock", () => {
  let redis: RedisServer;
  const closers: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    redis = await startRedisServer();
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close().catch(() => undefined);
    await redis.stop();
  });

  it("lets other repositories run while a job waits for a repository another replica holds", async () => {
    const elsewhere = new RedisRepositoryLock({ redis: redis.client(), appId: "42", log: lockLog() });
    const lock = new RedisRepositoryLock({ redis: redis.client(), appId: "42", log: lockLog(), maxRetryDelayMs: 40 });
    closers.push(
      () => elsewhere.close(),
      () => lock.close(),
    );
    const queue = new WorkQueue({ concurrency: 1, log: recordingLog(), lock });
    const other = await elsewhere.tryAcquire("acme/widgets");
    const order: string[] = [];
    const widgets = queue.enqueue("acme/widgets", async () => void order.push("widgets"));
    await queue.enqueue("acme/gadgets", async () => void order.push("gadgets"));
    expect(order).toEqual(["gadgets"]);
    await other!.release();
    await widgets;
    expect(order).toEqual(["gadgets", "widgets"]);
    // the lease was given back when the job ended
    expect(await redis.client().keys("*")).toEqual([]);
  });

  it("holds the repository's lock from the start of a job to its end", async () => {
    const lock = new RedisRepositoryLock({ redis: redis.client(), appId: "42", log: lockLog() });
    closers.push(() => lock.close());
    const queue = new WorkQueue({ log: recordingLog(), lock });
    // asked from inside the job: whenever it starts, the lock must already be held
    let heldDuringJob: number | undefined;
    await queue.enqueue("acme/widgets", async () => {
      heldDuringJob = await redis.client().exists("autopilot:42:lock:acme/widgets");
    });
    expect(heldDuringJob).toBe(1);
    expect(await redis.client().exists("autopilot:42:lock:acme/widgets")).toBe(0);
  });
});

describe.skipIf(!hasRedisServer)("WorkQueue with a Redis repository lock: failures and shutdown", () => {
  let redis: RedisServer;
  beforeEach(async () => {
    redis = await startRedisServer();
  });
  afterEach(async () => {
    await redis.stop();
  });

  it("gives the lock back when a job throws, and when the queue closes with a job waiting its turn", async () => {
    const lock = new RedisRepositoryLock({ redis: redis.client(), appId: "42", log: lockLog(), maxRetryDelayMs: 40 });
    const elsewhere = new RedisRepositoryLock({ redis: redis.client(), appId: "42", log: lockLog() });
    try {
      const queueLog = recordingLog();
      const queue = new WorkQueue({ log: queueLog, lock });
      await queue.enqueue("acme/widgets", async () => {
        throw new Error("lost the race");
      });
      expect(queueLog.errors.map((line) => line.message)).toEqual([
        "work queue: job failed; later jobs of this repository still run",
      ]);
      expect(await redis.client().keys("*")).toEqual([]);

      // SIGTERM while another replica holds the repository: the waiting job still runs once it is free, then lets go
      const other = await elsewhere.tryAcquire("acme/widgets");
      let ran = false;
      void queue.enqueue("acme/widgets", async () => void (ran = true));
      const closed = queue.close();
      await sleep(100);
      expect(ran).toBe(false);
      await other!.release();
      await closed;
      expect(ran).toBe(true);
      expect(await redis.client().keys("*")).toEqual([]);
    } finally {
      await lock.close();
      await elsewhere.close();
    }
  });
});

describe("WorkQueue with an unreachable Redis", () => {
  it("fails the job with a clear log line instead of running it without the lock", async () => {
    const log = lockLog();
    const lock = RedisRepositoryLock.fromUrl(`redis://127.0.0.1:${await freePort()}`, { appId: "42", log });
    const queueLog = recordingLog();
    const queue = new WorkQueue({ log: queueLog, lock });
    let ran = false;
    try {
      await queue.enqueue("acme/widgets", async () => void (ran = true));
      await settle();
      expect(ran).toBe(false);
      expect(queueLog.errors).toHaveLength(1);
      expect(queueLog.errors[0]!.message).toMatch(/repository lock unreachable \(REDIS_URL\), job not run/);
      expect(queueLog.errors[0]!.fields).toMatchObject({ key: "acme/widgets" });
      // and later jobs are not stuck behind it
      await queue.enqueue("acme/widgets", async () => undefined);
      expect(queueLog.errors).toHaveLength(2);
    } finally {
      await lock.close();
    }
  });
});
