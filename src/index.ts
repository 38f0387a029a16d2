import type { ApplicationFunction } from "probot";
import { hmacSigner } from "./core/review/index.js";
import { acceptPreviousWebhookSecret } from "./github/previous-webhook-secret.js";
import { botLogin } from "./handlers/app-identity.js";
import type { PortsFor } from "./handlers/repo-context.js";
import { registerRoutes } from "./handlers/routes.js";
import { createAppServices } from "./handlers/app-services.js";
import { sweepInstallations } from "./handlers/sweep.js";
import { healthHandler } from "./health.js";
import { AppMetrics, metricsHandler, observeApp } from "./metrics/index.js";
import { version } from "./version.js";
import { runInJobScope, Sweeper, WorkQueue, type RepositoryLock } from "./work/index.js";

export interface AutopilotOptions {
  /** The queue webhook handlers hand their work to; tests pass theirs to wait for it. */
  work?: WorkQueue;
  /** Pause between reconcile sweeps (one runs at start-up); default 5 minutes, 0 turns sweeping off. */
  sweepIntervalMs?: number;
  /** Told of each sweep as it starts, with a promise of its end (tests wait on it). */
  onSweep?: (sweep: Promise<void>) => void;
  /** The review's model ports for a configuration; default: from the environment's API keys. */
  reviewPorts?: PortsFor;
  /** This instance's Prometheus metrics, served at `GET /metrics`; default: a fresh registry. */
  metrics?: AppMetrics;
  /** How long the dashboard issue waits after a queue transition before it is refreshed (transitions meanwhile share the refresh); default 10 s. */
  dashboardDebounceMs?: number;
  /** The clock of the sweeps (the stale sweeper judges inactivity by it); default: the system clock. */
  now?: () => Date;
  /** How long the gates read a change before the PR shows their runs in progress; default 2 s. */
  gatesShowRunningAfterMs?: number;
  /**
   * Serialises each repository's jobs across replicas (main.ts builds a Redis one from REDIS_URL);
   * closed on shutdown once the queue has drained. Default: none, jobs are serialised in this process only.
   */
  repositoryLock?: RepositoryLock;
  /**
   * The webhook secret before a rotation (WEBHOOK_SECRET_PREVIOUS): deliveries signed with it are
   * still received (GitHub signs with it until its settings change), and review records sealed
   * under it still verify, so a rotation drops neither a delivery nor a follow-up.
   */
  previousWebhookSecret?: string;
}

export type AutopilotApp = ApplicationFunction & {
  /** Stops sweeping and waits for the queued work (SIGTERM); new work is refused from then on. */
  shutdown(): Promise<void>;
  /** Runs the dashboard refreshes waiting out their debounce now (tests, the demo and the bench wait for them). */
  flushDashboards(): Promise<void>;
  /** Runs one reconcile sweep now, outside the schedule (benchmarks); rejects before the app is loaded. */
  sweep(): Promise<void>;
  readonly metrics: AppMetrics;
};

/** The Probot app function: builds this instance's services and registers handlers, nothing else. */
export function createAutopilot(options: AutopilotOptions = {}): AutopilotApp {
  const stops: Array<() => Promise<void>> = [];
  const flushes: Array<() => Promise<void>> = [];
  const metrics = options.metrics ?? new AppMetrics();
  let sweepNow: (() => Promise<void>) | undefined;
  const appFn: ApplicationFunction = (probot, { addHandler }) => {
    addHandler?.(healthHandler(version));
    addHandler?.(metricsHandler(metrics));
    // handlers run in a job scope (log fields) and their Octokit calls are counted
    const app = observeApp(probot, metrics);
    const previousSecret = options.previousWebhookSecret;
    if (previousSecret)
      acceptPreviousWebhookSecret(probot.webhooks, previousSecret, (delivery) =>
        app.log.info(
          { delivery: delivery.id, event: delivery.name },
          "delivery signed with WEBHOOK_SECRET_PREVIOUS: received; the rotation is not finished on GitHub yet",
        ),
      );
    const { repositoryLock } = options;
    const work =
      options.work ?? new WorkQueue({ concurrency: 4, log: app.log, ...(repositoryLock && { lock: repositoryLock }) });
    work.countJobsIn(metrics);
    stops.push(() => work.close());
    // after the drain: every job has released its lease by then
    if (repositoryLock) stops.push(() => repositoryLock.close());
    const services = createAppServices({
      metrics,
      work,
      login: botLogin(app),
      log: app.log,
      // the webhook secret's HMAC: the same in every replica, known to nobody who may edit a comment
      signRecord: (payload) => probot.webhooks.sign(payload),
      ...(previousSecret && { previousRecordSigners: [hmacSigner(previousSecret)] }),
      ...(options.now && { now: options.now }),
      ...(options.reviewPorts && { reviewPorts: options.reviewPorts }),
      ...(options.dashboardDebounceMs !== undefined && { dashboardDebounceMs: options.dashboardDebounceMs }),
      ...(options.gatesShowRunningAfterMs !== undefined && {
        gatesShowRunningAfterMs: options.gatesShowRunningAfterMs,
      }),
    });
    flushes.push(() => services.dashboard.flush());
    // before the work queue closes: pending refreshes are queued and run, not dropped
    stops.unshift(() => services.dashboard.flush());
    // later evaluations of PRs whose mergeability GitHub was computing: none fires after shutdown
    stops.unshift(async () => services.rechecks.clear());
    registerRoutes(app, services);
    const run = (): Promise<void> => {
      const sweep = runInJobScope({ fields: { event: "sweep" } }, () => sweepInstallations(app, services));
      sweep.catch(() => metrics.error("sweep"));
      options.onSweep?.(sweep);
      return sweep;
    };
    sweepNow = run;
    const intervalMs = options.sweepIntervalMs ?? 5 * 60_000;
    const sweeper = intervalMs > 0 ? new Sweeper({ intervalMs, run, log: app.log }) : undefined;
    if (sweeper) {
      stops.unshift(() => sweeper.stop());
      sweeper.start();
    }
    // an installation's spent GitHub budget: said once; at its reset, what was cut off is swept
    services.rateLimits.listen({
      onPause: (installation, until, budget) => {
        metrics.rateLimitPaused(budget);
        const at = new Date(until).toISOString();
        app.log.warn(
          { installation, until: at },
          "GitHub's rate limit is spent: nothing is sent for it until the reset",
        );
      },
      onResume: () => (sweeper ? sweeper.soon() : void run().catch(() => undefined)),
    });
    stops.unshift(async () => services.rateLimits.clear());
    app.log.info({ version }, "autopilot loaded");
  };
  return Object.assign(appFn, {
    metrics,
    sweep: () => sweepNow?.() ?? Promise.reject(new Error("autopilot: sweep() before the app was loaded into Probot")),
    flushDashboards: async () => {
      await Promise.all(flushes.map((flush) => flush()));
    },
    shutdown: async () => {
      for (const stop of stops) await stop();
    },
  });
}

export default createAutopilot();
