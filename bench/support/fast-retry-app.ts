/**
 * Autopilot on the sandbox with Octokit's retries of 5xx answers on, as in production, but with
 * their waits scaled down: @octokit/plugin-retry waits `retryAfterBaseValue · n²` before retry n
 * (1 s, 4 s, 9 s by default); here `baseMs · n²`, so a fault bench fits in seconds while the app
 * retries exactly as often as it would on GitHub. Throttling is off as everywhere on the sandbox:
 * a secondary rate limit (403) is not retried by Octokit and fails the job, which the periodic
 * reconcile (`sweep`) must then repair.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { createNodeMiddleware, Probot, ProbotOctokit } from "probot";
import { createAutopilot } from "../../src/index.js";
import type { PortsFor } from "../../src/handlers/review/review-pull.js";
import type { Sandbox } from "@autopilot/github-sandbox";
import { WorkQueue, type WorkLog } from "../../src/work/index.js";

type OctokitOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;

export interface FastRetryApp {
  webhookUrl: string;
  /** Jobs that threw (the work queue logs them and goes on): what the reconcile has to repair. */
  failedJobs(): number;
  /** Waits until every webhook is delivered and every queued job has run, until nothing moves. */
  settle(): Promise<void>;
  /** One periodic reconcile, as the app's sweeper runs it every `sweepIntervalMs`. */
  sweep(): Promise<void>;
  stop(): Promise<void>;
}

export async function startFastRetryApp(
  sandbox: Sandbox,
  options: { retryBaseMs: number; reviewPorts?: PortsFor },
): Promise<FastRetryApp> {
  const Octokit = class extends ProbotOctokit {
    constructor(octokitOptions: OctokitOptions = {}) {
      super({
        ...octokitOptions,
        throttle: { ...octokitOptions.throttle, enabled: false },
        retry: { ...octokitOptions.retry, retryAfterBaseValue: options.retryBaseMs },
      });
    }
  };
  const probot = new Probot({
    Octokit,
    log: pino({ name: "probot", level: "silent" }),
    appId: sandbox.appId,
    privateKey: sandbox.credentials.privateKeyPem,
    secret: sandbox.webhookSecret,
    baseUrl: `${sandbox.apiUrl}/api/v3`,
  });
  let failed = 0;
  const workLog: WorkLog = { error: () => void (failed += 1), warn: () => undefined, debug: () => undefined };
  const work = new WorkQueue({ concurrency: 4, log: workLog });
  const appFn = createAutopilot({
    work,
    sweepIntervalMs: 0,
    ...(options.reviewPorts ? { reviewPorts: options.reviewPorts } : {}),
  });
  const middleware = await createNodeMiddleware(appFn, { probot, webhooksPath: "/api/github/webhooks" });
  const server: Server = createServer((request, response) => {
    void middleware(request, response, () => response.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  sandbox.setWebhookUrl(webhookUrl);
  const lastDelivery = (): number | undefined => sandbox.deliveries.list({ per_page: 1 }).deliveries[0]?.id;
  return {
    webhookUrl,
    failedJobs: () => failed,
    settle: async () => {
      for (let round = 0; round < 100; round += 1) {
        const before = lastDelivery();
        await sandbox.idle();
        await work.drain();
        await sandbox.idle();
        if (lastDelivery() === before && work.size() === 0) return;
      }
      throw new Error("fault bench: Autopilot and the sandbox did not settle after 100 rounds");
    },
    sweep: () => appFn.sweep(),
    stop: async () => {
      await work.close();
      sandbox.setWebhookUrl(undefined);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
