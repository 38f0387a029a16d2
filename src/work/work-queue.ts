import { forkJobScope, runInJobScope, type JobScope } from "./job-scope.js";
import { warningLog } from "./work-log.js";
import type { WorkLog } from "./work-log.js";
import type { RepositoryLease, RepositoryLock } from "./repository-lock.js";

/**
 * A webhook handler has 10 s before GitHub marks the delivery failed, so handlers record what must
 * happen and put the slow part (paging a large compare, LLM calls, commits to the default branch)
 * here. Jobs of one repository run one after another in the order they were queued, so two of them
 * never race on the same ref; different repositories run in parallel up to `concurrency` jobs.
 * With a `lock` shared by the replicas, a job also holds its repository's lock while it runs.
 */
export interface WorkQueueOptions {
  /** jobs running at once across all repositories; default 4 */
  concurrency?: number;
  log?: WorkLog;
  /**
   * Serialises each repository's jobs across replicas too (Redis, with REDIS_URL). A job whose
   * repository another replica holds gives its slot back and asks again later, so it never
   * blocks other repositories; a lock that cannot be reached fails the job. Default: none (this
   * process only). Deduplication stays per process.
   */
  lock?: RepositoryLock;
  /** where each job's duration and outcome is counted (the app instance's metrics) */
  metrics?: JobMetrics;
}

/** What the queue reports of each job (`AppMetrics` fits). */
export interface JobMetrics {
  jobFinished(event: string, outcome: JobOutcome, seconds: number): void;
}

/** How a job's run ended: `deferred`, it stopped on a wait GitHub asked for and runs again after it. */
export type JobOutcome = "ok" | "failed" | "deferred";

/**
 * When a job's failure asks it to run again (an error carrying `deferredUntil`, epoch ms: GitHub's
 * rate limit of its installation is spent until then); undefined for any other failure.
 */
function deferredUntilOf(err: unknown): number | undefined {
  const until = (err as { deferredUntil?: unknown } | null)?.deferredUntil;
  return typeof until === "number" && Number.isFinite(until) ? until : undefined;
}

export interface EnqueueOptions {
  /**
   * Drops this job when a job of the same key with the same dedupe key is queued and has not
   * started yet (two gate runs for one PR head SHA): the waiting job will see the same state.
   */
  dedupeKey?: string;
  /**
   * false: a job stopped by a deferral (a spent rate limit) is not run again but settled at once,
   * because the caller redoes its work another way (a sweep: the one after the reset). Default true.
   */
  runAfterDeferral?: boolean;
}

/** Thrown by `enqueue` after `close()`: the process is shutting down and takes no new work. */
export class WorkQueueClosedError extends Error {
  constructor(key: string) {
    super(`autopilot work queue: closed for shutdown, job for ${key} refused; the next sweep picks the work up`);
    this.name = "WorkQueueClosedError";
  }
}

interface Job {
  run: () => Promise<void>;
  dedupeKey?: string;
  /** the scope of the handler that queued it (log fields): the job runs in it */
  scope: JobScope;
  /** settles once the job has run (or failed and been logged) */
  done: Promise<void>;
  settle: () => void;
  /** set once the job has waited for a repository lock another replica held (logged once, not per attempt) */
  waitedForLock?: boolean;
  /** while deferred: the timer that puts it back in its lane */
  deferral?: NodeJS.Timeout;
  /** false: settled at a deferral instead of run again (`EnqueueOptions.runAfterDeferral`) */
  runAfterDeferral: boolean;
}

interface Lane {
  waiting: Job[];
  /** the job of this key that is running, if any */
  current?: Job;
}

export class WorkQueue {
  readonly #concurrency: number;
  readonly #log: WorkLog;
  readonly #lock: RepositoryLock | undefined;
  #metrics: JobMetrics | undefined;
  /** one lane per key (`owner/repo`); removed when it has nothing left */
  readonly #lanes = new Map<string, Lane>();
  /** keys with a waiting job and nothing running, in the order they became ready: fair across repositories */
  readonly #ready: string[] = [];
  /** jobs waiting out a deferral (a spent rate limit) before they run again, with their keys */
  readonly #deferred = new Map<Job, string>();
  #running = 0;
  #closed = false;

  constructor(options: WorkQueueOptions = {}) {
    const concurrency = options.concurrency ?? 4;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(
        `autopilot work queue: concurrency must be a whole number of at least 1, got ${concurrency}`,
      );
    }
    this.#concurrency = concurrency;
    this.#log = options.log ?? warningLog;
    this.#lock = options.lock;
    this.#metrics = options.metrics;
  }

  /** Counts the jobs in the metrics of the app instance that runs this queue (one a test built and passed in). */
  countJobsIn(metrics: JobMetrics): void {
    this.#metrics = metrics;
  }

  /**
   * Queues `job` behind the other jobs of `key`. The promise resolves once the job has run; a job
   * that throws is logged with its key and the promise still resolves, so a caller that does not
   * await it leaves no unhandled rejection and later jobs of the key still run.
   */
  enqueue(key: string, job: () => Promise<void>, options: EnqueueOptions = {}): Promise<void> {
    if (this.#closed) throw new WorkQueueClosedError(key);
    const lane: Lane = this.#lanes.get(key) ?? { waiting: [] };
    this.#lanes.set(key, lane);
    const { dedupeKey } = options;
    const twin = dedupeKey === undefined ? undefined : lane.waiting.find((queued) => queued.dedupeKey === dedupeKey);
    if (twin) {
      this.#log.debug({ key, dedupeKey }, "work queue: same job already waiting, dropped");
      return twin.done;
    }
    let settle = (): void => {};
    const done = new Promise<void>((resolve) => (settle = resolve));
    // outside a webhook handler (a test, the CLI) there is no scope: the job gets an empty one
    const scope = forkJobScope() ?? { fields: {} };
    const runAfterDeferral = options.runAfterDeferral ?? true;
    lane.waiting.push({
      run: job,
      ...(dedupeKey !== undefined && { dedupeKey }),
      scope,
      done,
      settle,
      runAfterDeferral,
    });
    if (!lane.current && lane.waiting.length === 1) this.#ready.push(key);
    this.#pump();
    return done;
  }

  /** Jobs not finished yet (waiting, running or deferred), across all keys. */
  size(): number {
    let total = this.#deferred.size;
    for (const key of this.#lanes.keys()) total += this.pending(key);
    return total;
  }

  /** Jobs of `key` not finished yet (waiting or running). */
  pending(key: string): number {
    const lane = this.#lanes.get(key);
    return lane ? lane.waiting.length + (lane.current ? 1 : 0) : 0;
  }

  /** Resolves when every job queued before this call has run (a deferred one, after its deferral); later jobs are not waited for. */
  async drain(): Promise<void> {
    const jobs: Promise<void>[] = [...this.#deferred.keys()].map((job) => job.done);
    for (const lane of this.#lanes.values()) {
      // jobs of a key finish in order, so its last job finishing means all of them did
      const last = lane.waiting.at(-1) ?? lane.current;
      if (last) jobs.push(last.done);
    }
    await Promise.all(jobs);
  }

  /**
   * Refuses new work from now on (`enqueue` throws `WorkQueueClosedError`) and resolves once the
   * jobs already queued have run. On SIGTERM: `await queue.close()`, then exit.
   */
  async close(): Promise<void> {
    this.#closed = true;
    // a deferral can last an hour: those jobs are left to the next instance's start-up sweep
    for (const job of this.#deferred.keys()) {
      clearTimeout(job.deferral);
      this.#log.warn({ ...job.scope.fields }, "work queue: deferred job dropped at shutdown; the next sweep redoes it");
      job.settle();
    }
    this.#deferred.clear();
    await this.drain();
  }

  get closed(): boolean {
    return this.#closed;
  }

  #pump(): void {
    while (this.#running < this.#concurrency) {
      const key = this.#ready.shift();
      if (key === undefined) return;
      const lane = this.#lanes.get(key);
      const job = lane?.waiting.shift();
      if (!lane || !job) continue;
      lane.current = job;
      this.#running++;
      // in its own scope, not in the scope of whichever job's end pumped it
      void runInJobScope(job.scope, () => this.#run(key, lane, job));
    }
  }

  async #run(key: string, lane: Lane, job: Job): Promise<void> {
    let lease: RepositoryLease | undefined;
    if (this.#lock) {
      let taken: RepositoryLease | undefined;
      try {
        taken = await this.#lock.tryAcquire(key);
      } catch (err) {
        // never run unserialised beside another replica: the sweep redoes the work once the lock is back
        const reason = "work queue: repository lock unreachable (REDIS_URL), job not run; the next sweep retries it";
        return this.#finish(key, lane, job, performance.now(), "failed", { err, reason });
      }
      if (!taken) return this.#waitForLock(key, lane, job, this.#lock.retryDelayMs());
      lease = taken;
    }
    const started = performance.now();
    let outcome: JobOutcome = "ok";
    let failure: { err: unknown; reason: string } | undefined;
    try {
      // started on a microtask, so `enqueue` returns before any of the job's code runs
      await Promise.resolve();
      this.#log.debug({ key }, "work queue: job started");
      await job.run();
    } catch (err) {
      outcome = deferredUntilOf(err) !== undefined && !this.#closed ? "deferred" : "failed";
      failure = { err, reason: "work queue: job failed; later jobs of this repository still run" };
    } finally {
      this.#log.debug({ key, outcome }, "work queue: job finished");
      // released before the next job of the key starts, and before a draining shutdown ends
      if (lease) await lease.release();
      this.#finish(key, lane, job, started, outcome, failure);
    }
  }

  /** Another replica holds the repository: the job goes back to the head of its lane and its slot to other repositories. */
  #waitForLock(key: string, lane: Lane, job: Job, delayMs: number): void {
    if (!job.waitedForLock) this.#log.debug({ key }, "work queue: repository locked by another replica, waiting");
    job.waitedForLock = true;
    lane.waiting.unshift(job);
    delete lane.current;
    this.#running--;
    // not unref'd: a draining shutdown must wait for this job too
    setTimeout(() => {
      this.#ready.push(key);
      this.#pump();
    }, delayMs);
    this.#pump();
  }

  #finish(
    key: string,
    lane: Lane,
    job: Job,
    started: number,
    outcome: JobOutcome,
    failure?: { err: unknown; reason: string },
  ): void {
    if (outcome === "deferred") this.#defer(key, job, deferredUntilOf(failure?.err) ?? Date.now());
    else if (failure) this.#log.error({ err: failure.err, key, ...job.scope.fields }, failure.reason);
    this.#metrics?.jobFinished(job.scope.fields.event ?? "unknown", outcome, (performance.now() - started) / 1000);
    delete lane.current;
    this.#running--;
    // behind the keys already waiting, so one busy repository cannot starve the others
    if (lane.waiting.length > 0) this.#ready.push(key);
    else this.#lanes.delete(key);
    if (outcome !== "deferred") job.settle();
    this.#pump();
  }

  /**
   * A job stopped on a wait GitHub asked for goes back to the end of its lane at `until` (its
   * promise still pending: `drain` waits for it). A deferred job of the same dedupe key already
   * waiting will see the same state, so this one is dropped, as is one queued not to run again.
   */
  #defer(key: string, job: Job, until: number): void {
    const at = new Date(until).toISOString();
    if (!job.runAfterDeferral) {
      this.#log.warn({ key, ...job.scope.fields, until: at }, "work queue: job stopped: GitHub's rate limit is spent");
      job.settle();
      return;
    }
    const twin =
      job.dedupeKey === undefined
        ? undefined
        : [...this.#deferred].find(([other, otherKey]) => otherKey === key && other.dedupeKey === job.dedupeKey);
    if (twin) {
      job.settle();
      return;
    }
    this.#log.warn({ key, ...job.scope.fields, until: at }, "work queue: job deferred: GitHub's rate limit is spent");
    this.#deferred.set(job, key);
    // not unref'd: a draining shutdown settles deferred jobs itself (close)
    job.deferral = setTimeout(
      () => {
        this.#deferred.delete(job);
        delete job.deferral;
        const lane: Lane = this.#lanes.get(key) ?? { waiting: [] };
        this.#lanes.set(key, lane);
        lane.waiting.push(job);
        if (!lane.current && lane.waiting.length === 1) this.#ready.push(key);
        this.#pump();
      },
      Math.max(0, until - Date.now()),
    );
  }
}
