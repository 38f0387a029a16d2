import type { Logger } from "probot";
import { runInJobScope, WorkQueueClosedError, type WorkQueue } from "../../work/index.js";
import { configOf } from "../config-of.js";
import type { DashboardSchedule, RepoContext } from "../repo-context.js";
import { refreshDashboard } from "../dashboard/refresh-dashboard.js";
import { dedupeKeys } from "./queue-job.js";

export interface DashboardRefresherOptions {
  work: WorkQueue;
  login: () => Promise<string>;
  /** how long after a transition the refresh runs; the transitions meanwhile share it */
  windowMs: number;
  log: Logger;
}

/**
 * Debounces dashboard refreshes per repository: the first transition starts a timer, the ones
 * within the window only join it, and when it fires one refresh is queued behind the
 * repository's other work. The refresh reads the queue when it runs, so the latest state is
 * never lost however many transitions it stands for; one that comes while it runs starts a new
 * window.
 */
export class DashboardRefresher implements DashboardSchedule {
  readonly #options: DashboardRefresherOptions;
  readonly #pending = new Map<string, { ctx: RepoContext; timer: NodeJS.Timeout }>();

  constructor(options: DashboardRefresherOptions) {
    if (!Number.isFinite(options.windowMs) || options.windowMs < 0) {
      throw new RangeError(
        `autopilot dashboard: windowMs must be a number of milliseconds ≥ 0, got ${options.windowMs}`,
      );
    }
    this.#options = options;
  }

  schedule(ctx: RepoContext): void {
    const key = `${ctx.owner}/${ctx.repo}`;
    const pending = this.#pending.get(key);
    // the latest context carries the freshest installation token
    if (pending) return void (pending.ctx = ctx);
    // unref: a pending refresh alone must not keep the process alive. The timer (and the job it
    // queues) runs in a scope of its own: it serves every transition of the window, not the job
    // that happened to schedule it, so its log lines must not carry that job's delivery or task
    const timer = runInJobScope({ fields: { event: "dashboard", repository: key } }, () =>
      setTimeout(() => void this.#fire(key), this.#options.windowMs).unref(),
    );
    this.#pending.set(key, { ctx, timer });
  }

  /**
   * Calls off the refresh pending for the repository: the running job wrote the dashboard in a
   * request of its own, from the state it just committed (the latest this instance knows, since
   * the repository's jobs run one at a time). A refresh already queued runs and writes nothing new.
   */
  cover(ctx: RepoContext): void {
    const key = `${ctx.owner}/${ctx.repo}`;
    const pending = this.#pending.get(key);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.#pending.delete(key);
  }

  /** Queues every pending refresh now and resolves when they have run. */
  async flush(): Promise<void> {
    await Promise.all([...this.#pending.keys()].map((key) => this.#fire(key)));
  }

  #fire(key: string): Promise<void> {
    const pending = this.#pending.get(key);
    if (!pending) return Promise.resolve();
    clearTimeout(pending.timer);
    this.#pending.delete(key);
    const { work, login, log } = this.#options;
    // a sweep-like context: the configuration is read again, not shared with the delivery
    const ctx: RepoContext = { ...pending.ctx, delivery: null };
    try {
      return work.enqueue(
        key,
        async () => {
          const loaded = await configOf(ctx);
          // the instance's clock, the one the merge was noted by (the dashboard's "merged just now")
          const now = ctx.services.now();
          if (loaded.ok) await refreshDashboard({ ...ctx, config: loaded.config }, { login: await login(), now });
        },
        { dedupeKey: dedupeKeys.dashboard },
      );
    } catch (error) {
      if (!(error instanceof WorkQueueClosedError)) throw error;
      log.info({ repository: key }, "dashboard: shutting down; the next sweep refreshes it");
      return Promise.resolve();
    }
  }
}

/**
 * Called after a queue transition was committed (or dispatch was held): the dashboard of the app
 * instance the work runs for should show it soon.
 */
export function noteDashboardChange(ctx: RepoContext): void {
  ctx.services.dashboard.schedule(ctx);
}
