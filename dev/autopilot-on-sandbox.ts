import { createAutopilot, type AutopilotApp, type AutopilotOptions } from "../src/index.js";
import { WorkQueue } from "../src/work/index.js";
import { AutopilotOctokit } from "../src/github/autopilot-octokit.js";
import { startAppOnSandbox, type ConnectedApp, type Sandbox, type StartAppOptions } from "@autopilot/github-sandbox";

export interface AutopilotOnSandboxOptions
  extends Pick<
      AutopilotOptions,
      "sweepIntervalMs" | "onSweep" | "reviewPorts" | "now" | "gatesShowRunningAfterMs" | "dashboardDebounceMs"
    >,
    Pick<StartAppOptions, "retry" | "logLevel" | "throttle"> {
  /** `settle()` also runs the dashboard refreshes still in their debounce window (default true); off to watch the debounce itself. */
  flushDashboards?: boolean;
}

export interface AutopilotOnSandbox {
  app: ConnectedApp;
  /** The app function itself (its metrics, its pending dashboard refreshes). */
  autopilot: AutopilotApp;
  flushDashboards: boolean;
  work: WorkQueue;
  /** Waits until every webhook is delivered and every job the app queued has run, again and again, until nothing moves. */
  settle(): Promise<void>;
  /** Stops the app as a crash would (queued work abandoned) and starts a new instance on the same sandbox. */
  restart(options?: AutopilotOnSandboxOptions): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Autopilot itself, connected to a sandbox, with a handle on its work queue so a test, the bench
 * or the demo can wait for the app to finish what the last change set off. Sweeping is off unless
 * asked for.
 */
export async function startAutopilotOnSandbox(
  sandbox: Sandbox,
  options: AutopilotOnSandboxOptions = {},
): Promise<AutopilotOnSandbox> {
  const start = async (next: AutopilotOnSandboxOptions) => {
    const work = new WorkQueue({ concurrency: 4 });
    const autopilot = createAutopilot({
      work,
      sweepIntervalMs: next.sweepIntervalMs ?? 0,
      ...(next.onSweep ? { onSweep: next.onSweep } : {}),
      ...(next.reviewPorts ? { reviewPorts: next.reviewPorts } : {}),
      ...(next.now ? { now: next.now } : {}),
      ...(next.gatesShowRunningAfterMs === undefined ? {} : { gatesShowRunningAfterMs: next.gatesShowRunningAfterMs }),
      ...(next.dashboardDebounceMs === undefined ? {} : { dashboardDebounceMs: next.dashboardDebounceMs }),
    });
    const app = await startAppOnSandbox(sandbox, {
      appFn: autopilot,
      logLevel: next.logLevel ?? "fatal",
      retry: next.retry ?? true,
      ...(next.throttle === undefined ? {} : { throttle: next.throttle }),
      Octokit: AutopilotOctokit,
    });
    return { work, app, autopilot, flushDashboards: next.flushDashboards ?? true };
  };
  const lastDelivery = (): number | undefined => sandbox.deliveries.list({ per_page: 1 }).deliveries[0]?.id;
  const handle: AutopilotOnSandbox = {
    ...(await start(options)),
    settle: async () => {
      // deliveries a fault holds back go out only once all else is quiet, as the last news: so
      // they arrive after what the app does meanwhile, the same way on every run
      const quiet = { releaseHeld: false };
      for (let round = 0; round < 100; round += 1) {
        const before = lastDelivery();
        await sandbox.idle(quiet);
        // dashboard refreshes wait out a debounce in production; here they are part of "settled"
        if (handle.flushDashboards) await handle.autopilot.flushDashboards();
        await handle.work.drain();
        await sandbox.idle(quiet);
        if (lastDelivery() === before && handle.work.size() === 0) {
          if (sandbox.deliveries.heldCount() === 0) return;
          sandbox.deliveries.releaseHeld();
        }
      }
      throw new Error("Autopilot and the sandbox did not settle after 100 rounds");
    },
    restart: async (next = {}) => {
      await handle.app.stop();
      Object.assign(handle, await start(next));
    },
    stop: async () => {
      await handle.work.close();
      await handle.app.stop();
    },
  };
  return handle;
}
