import type { ApplicationFunction } from "probot";
import { botLogin } from "./handlers/app-identity.js";
import { registerCommands } from "./handlers/commands/register-commands.js";
import { registerDispatch } from "./handlers/dispatch/register-dispatch.js";
import { registerGates } from "./handlers/gates/register-gates.js";
import { registerMerge } from "./handlers/merge/register-merge.js";
import { registerReview } from "./handlers/review/register-review.js";
import type { PortsFor } from "./handlers/review/review-pull.js";
import { sweepInstallations } from "./handlers/sweep.js";
import { healthHandler } from "./health.js";
import { version } from "./version.js";
import { Sweeper, WorkQueue } from "./work/index.js";

export interface AutopilotOptions {
  /** The queue webhook handlers hand their work to; tests pass theirs to wait for it. */
  work?: WorkQueue;
  /** Pause between reconcile sweeps (one runs at start-up); default 5 minutes, 0 turns sweeping off. */
  sweepIntervalMs?: number;
  /** Told of each sweep as it starts, with a promise of its end (tests wait on it). */
  onSweep?: (sweep: Promise<void>) => void;
  /** The review's model ports for a configuration; default: from the environment's API keys. */
  reviewPorts?: PortsFor;
}

export type AutopilotApp = ApplicationFunction & {
  /** Stops sweeping and waits for the queued work (SIGTERM); new work is refused from then on. */
  shutdown(): Promise<void>;
};

/** The Probot app function: registers handlers, nothing else. */
export function createAutopilot(options: AutopilotOptions = {}): AutopilotApp {
  const stops: Array<() => Promise<void>> = [];
  const appFn: ApplicationFunction = (app, { addHandler }) => {
    addHandler?.(healthHandler(version));
    const work = options.work ?? new WorkQueue({ concurrency: 4, log: app.log });
    stops.push(() => work.close());
    const login = botLogin(app);
    registerDispatch(app, work, login);
    registerGates(app, work, login);
    registerReview(app, work, login, options.reviewPorts);
    registerMerge(app, work, login);
    registerCommands(app, work, login, options.reviewPorts);
    const intervalMs = options.sweepIntervalMs ?? 5 * 60_000;
    if (intervalMs > 0) {
      const run = (): Promise<void> => {
        const sweep = sweepInstallations(app, work, login);
        options.onSweep?.(sweep);
        return sweep;
      };
      const sweeper = new Sweeper({ intervalMs, run, log: app.log });
      stops.unshift(() => sweeper.stop());
      sweeper.start();
    }
    app.log.info({ version }, "autopilot loaded");
  };
  return Object.assign(appFn, {
    shutdown: async () => {
      for (const stop of stops) await stop();
    },
  });
}

export default createAutopilot();
