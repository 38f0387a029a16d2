import { ProbotOctokit } from "probot";
import { createAutopilot, type AutopilotOptions } from "../../src/index.js";
import { Sandbox, startAppOnSandbox, type ConnectedApp } from "../../src/sandbox/index.js";
import { WorkQueue } from "../../src/work/index.js";

export type TestOctokit = InstanceType<typeof ProbotOctokit>;

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export interface AppOptions extends Pick<AutopilotOptions, "sweepIntervalMs" | "onSweep"> {
  retry?: boolean;
}

export interface AppHarness {
  sandbox: Sandbox;
  app: ConnectedApp;
  work: WorkQueue;
  /** Stops the app as a crash would (queued work abandoned) and starts a new instance on the same sandbox. */
  restartApp(options?: AppOptions): Promise<void>;
  /** octocat, admin of acme/widgets */
  user: TestOctokit;
  owner: string;
  repo: string;
  /** Waits until every webhook was delivered and every job the app queued has run, repeatedly, until nothing moves. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Autopilot itself, connected to a fresh sandbox over HTTP as to GitHub Enterprise Server. */
export async function startAppHarness(options: AppOptions = {}): Promise<AppHarness> {
  const sandbox = await Sandbox.start({ validateResponses: true, installApp: false });
  const start = async (appOptions: AppOptions) => {
    const work = new WorkQueue({ concurrency: 4 });
    const appFn = createAutopilot({ work, sweepIntervalMs: appOptions.sweepIntervalMs ?? 0, ...(appOptions.onSweep ? { onSweep: appOptions.onSweep } : {}) });
    const app = await startAppOnSandbox(sandbox, { appFn, logLevel: "fatal", retry: appOptions.retry ?? true });
    return { work, app };
  };
  let { work, app } = await start(options);
  sandbox.installApp();
  const user = new ProbotOctokit({
    baseUrl: sandbox.apiUrl,
    auth: { token: sandbox.userToken() },
    log: silent,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  const lastDelivery = (): number | undefined => sandbox.deliveries.list({ per_page: 1 }).deliveries[0]?.id;
  const harness: AppHarness = {
    sandbox,
    app,
    work,
    restartApp: async (next = {}) => {
      await harness.app.stop();
      ({ work, app } = await start(next));
      harness.work = work;
      harness.app = app;
    },
    user,
    owner: "acme",
    repo: "widgets",
    settle: async () => {
      for (let round = 0; round < 100; round += 1) {
        const before = lastDelivery();
        await sandbox.idle();
        await harness.work.drain();
        await sandbox.idle();
        if (lastDelivery() === before && harness.work.size() === 0) return;
      }
      throw new Error("the app and the sandbox did not settle after 100 rounds");
    },
    close: async () => {
      await harness.work.close();
      await harness.app.stop();
      await sandbox.stop();
    },
  };
  return harness;
}

/** An issue body with a complete task spec. */
export function taskSpec(scope: string, extra: string[] = []): string {
  return [
    "Widget lists should come in pages.",
    "",
    "```autopilot",
    `scope: ["${scope}"]`,
    "risk: medium",
    "refs: [NT-0012]",
    "acceptance:",
    '  - "GET /widgets returns 50 widgets per page"',
    ...extra,
    "```",
  ].join("\n");
}
