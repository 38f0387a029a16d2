/**
 * Serialises the jobs of one repository across app replicas. The work queue already runs the jobs
 * of a repository one after another inside one process; a lock shared by the replicas (Redis,
 * when REDIS_URL is set) extends that to every process. Without one, the queue behaves as it
 * always did and the replicas rely on git compare-and-swap alone.
 */
export interface RepositoryLock {
  /**
   * Takes the lock of `key` (`owner/repo`) if no replica holds it: a lease while this process
   * holds it, undefined when another holder has it (ask again after `retryDelayMs()`). Throws when
   * the lock store cannot be reached: the job must then fail, not run unserialised.
   */
  tryAcquire(key: string): Promise<RepositoryLease | undefined>;
  /** How long to wait before asking again for a lock another replica holds. */
  retryDelayMs(): number;
  /** Closes the connection to the lock store (after the work queue has drained). */
  close(): Promise<void>;
}

export interface RepositoryLease {
  /** Gives the lock back, only if this lease still holds it; failures are logged, never thrown. */
  release(): Promise<void>;
}
