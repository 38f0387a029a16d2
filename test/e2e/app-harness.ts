import { ProbotOctokit } from "probot";
import { createAutopilot } from "../../src/index.js";
import { Sandbox, startAppOnSandbox, type ConnectedApp } from "../../src/sandbox/index.js";
import { WorkQueue } from "../../src/work/index.js";

export type TestOctokit = InstanceType<typeof ProbotOctokit>;

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export interface AppHarness {
  sandbox: Sandbox;
  app: ConnectedApp;
  work: WorkQueue;
  /** octocat, admin of acme/widgets */
  user: TestOctokit;
  owner: string;
  repo: string;
  /** Waits until every webhook was delivered and every job the app queued has run, repeatedly, until nothing moves. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Autopilot itself, connected to a fresh sandbox over HTTP as to GitHub Enterprise Server. */
export async function startAppHarness(): Promise<AppHarness> {
  const sandbox = await Sandbox.start({ validateResponses: true, installApp: false });
  const work = new WorkQueue({ concurrency: 4 });
  const app = await startAppOnSandbox(sandbox, { appFn: createAutopilot({ work }), logLevel: "fatal" });
  sandbox.installApp();
  const user = new ProbotOctokit({
    baseUrl: sandbox.apiUrl,
    auth: { token: sandbox.userToken() },
    log: silent,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  const lastDelivery = (): number | undefined => sandbox.deliveries.list({ per_page: 1 }).deliveries[0]?.id;
  return {
    sandbox,
    app,
    work,
    user,
    owner: "acme",
    repo: "widgets",
    settle: async () => {
      for (let round = 0; round < 100; round += 1) {
        const before = lastDelivery();
        await sandbox.idle();
        await work.drain();
        await sandbox.idle();
        if (lastDelivery() === before && work.size() === 0) return;
      }
      throw new Error("the app and the sandbox did not settle after 100 rounds");
    },
    close: async () => {
      await work.close();
      await app.stop();
      await sandbox.stop();
    },
  };
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
