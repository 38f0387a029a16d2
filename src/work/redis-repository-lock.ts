import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import type { RepositoryLease, RepositoryLock } from "./repository-lock.js";

/** Deletes the lock only if `token` still holds it, so a late release never frees another holder's lock. */
const releaseScript = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
/** Pushes the expiry back only if `token` still holds the lock. */
const extendScript = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

/** The slice of a pino logger the lock writes to. */
export interface LockLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface RedisRepositoryLockOptions {
  redis: Redis;
  /** the GitHub App's id: replicas of one app share locks, two apps on one Redis never do */
  appId: string;
  /** how long a lock outlives a holder that stopped renewing it (a crashed replica); default 30 s */
  ttlMs?: number;
  /** the longest pause between two attempts at a held lock (random below it); default 250 ms */
  maxRetryDelayMs?: number;
  log: LockLog;
  /** whether `close()` quits the client; default true */
  ownsClient?: boolean;
}

/** The Redis key of a repository's lock: per app, repository names lowercased as GitHub compares them. */
export function repositoryLockKey(appId: string, repository: string): string {
  return `autopilot:${appId}:lock:${repository.toLowerCase()}`;
}

/**
 * A single-instance Redis lock (`SET key token NX PX ttl`): the holder renews its lease every
 * third of the TTL while its job runs, releases it with a compare-and-delete, and a holder that
 * crashed loses the lock when the TTL runs out.
 */
export class RedisRepositoryLock implements RepositoryLock {
  readonly #redis: Redis;
  readonly #appId: string;
  readonly #ttlMs: number;
  readonly #maxRetryDelayMs: number;
  readonly #log: LockLog;
  readonly #ownsClient: boolean;

  constructor(options: RedisRepositoryLockOptions) {
    const ttlMs = options.ttlMs ?? 30_000;
    if (!Number.isInteger(ttlMs) || ttlMs < 30)
      throw new RangeError(`autopilot repository lock: ttlMs must be a whole number of at least 30, got ${ttlMs}`);
    if (options.appId.trim() === "")
      throw new RangeError("autopilot repository lock: appId must not be empty (set APP_ID)");
    this.#redis = options.redis;
    this.#appId = options.appId;
    this.#ttlMs = ttlMs;
    this.#maxRetryDelayMs = options.maxRetryDelayMs ?? 250;
    this.#log = options.log;
    this.#ownsClient = options.ownsClient ?? true;
  }

  /**
   * A lock on a Redis server given by URL. Commands fail within 5 s while Redis is unreachable
   * (instead of waiting in ioredis' offline queue), so a job fails with a clear reason; the
   * connection opens on the first job, so an app that runs no job never connects.
   */
  static fromUrl(url: string, options: Omit<RedisRepositoryLockOptions, "redis" | "ownsClient">): RedisRepositoryLock {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, commandTimeout: 5_000 });
    redis.on("error", (err: Error) =>
      options.log.warn({ err: { message: err.message } }, "repository lock: Redis connection error"),
    );
    return new RedisRepositoryLock({ ...options, redis, ownsClient: true });
  }

  async tryAcquire(repository: string): Promise<RepositoryLease | undefined> {
    const key = repositoryLockKey(this.#appId, repository);
    const token = randomBytes(16).toString("hex");
    const taken = await this.#redis.set(key, token, "PX", this.#ttlMs, "NX");
    if (taken !== "OK") return undefined;
    return this.#lease(key, token);
  }

  retryDelayMs(): number {
    // random, so replicas waiting for one repository do not ask in lockstep
    return Math.floor(this.#maxRetryDelayMs / 4 + (Math.random() * (this.#maxRetryDelayMs * 3)) / 4);
  }

  async close(): Promise<void> {
    if (!this.#ownsClient || this.#redis.status === "end") return;
    // a client that never connected has nothing to say goodbye to
    if (this.#redis.status === "wait") this.#redis.disconnect();
    else await this.#redis.quit();
  }

  #lease(key: string, token: string): RepositoryLease {
    let released = false;
    const renew = async (): Promise<void> => {
      try {
        const kept = await this.#redis.eval(extendScript, 1, key, token, String(this.#ttlMs));
        if (kept === 1 || released) return;
        clearInterval(timer);
        this.#log.error(
          { lock: key },
          "repository lock: lost while the job ran (expired before renewal); git compare-and-swap still guards its writes",
        );
      } catch (err) {
        // the next renewal may still come in time; past the TTL another replica may take the lock
        this.#log.warn(
          { lock: key, err: { message: (err as Error).message } },
          "repository lock: renewal failed, trying again",
        );
      }
    };
    const timer = setInterval(() => void renew(), Math.floor(this.#ttlMs / 3));
    timer.unref(); // the job keeps the process alive, not its lease
    return {
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(timer);
        try {
          await this.#redis.eval(releaseScript, 1, key, token);
        } catch (err) {
          this.#log.error(
            { lock: key, err: { message: (err as Error).message } },
            `repository lock: release failed; it expires within ${this.#ttlMs} ms`,
          );
        }
      },
    };
  }
}
