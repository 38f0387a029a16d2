import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { getTransformStream } from "@probot/pino";
import { pino } from "pino";
import { createNodeMiddleware, Probot, ProbotOctokit, type ApplicationFunction } from "probot";
import type { Sandbox } from "./sandbox.js";

type OctokitOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;

/** Scaled production throttling: see `StartAppOptions.throttle`. */
export interface ThrottleTiming {
  /**
   * Multiplies every interval the throttling plugin keeps (writes and GraphQL 1 s apart,
   * notification-triggering writes 3 s, searches 2 s) and every `retry-after` wait; 1 is
   * production. Concurrency (one write at a time per installation), the order of the queue and
   * the retry decisions stay as in production.
   */
  timeScale: number;
}

interface BottleneckGroup {
  key(id: string): unknown;
}
type BottleneckLight = { Group: new (options: Record<string, unknown>) => BottleneckGroup };

/**
 * The Bottleneck build @octokit/plugin-throttling itself uses (probot → the plugin → bottleneck),
 * so the scaled limiters are the plugin's own kind, whatever the install layout.
 */
function pluginBottleneck(): BottleneckLight {
  const probot = createRequire(import.meta.url).resolve("probot");
  const plugin = createRequire(probot).resolve("@octokit/plugin-throttling");
  return createRequire(plugin)("bottleneck/light.js") as BottleneckLight;
}

/**
 * The throttling plugin's options for production throttling with every wait multiplied by
 * `timeScale`: the plugin's own groups (`@octokit/plugin-throttling` `createGroups`: maxConcurrent
 * and minTime as there, minTime scaled) and `retryAfterBaseValue` (1000 ms per retry-after second)
 * scaled. One set per app, shared by all its clients and keyed by installation, as the plugin's
 * module-wide groups are in production. The rate-limit handlers stay Probot's.
 */
export function scaledThrottle({ timeScale }: ThrottleTiming): Record<string, unknown> {
  if (!(timeScale > 0 && timeScale <= 1)) {
    throw new Error(`throttle.timeScale must be above 0 and at most 1 (1 is production), got ${String(timeScale)}`);
  }
  const Bottleneck = pluginBottleneck();
  const common = { timeout: 2 * 60_000 };
  const group = (id: string, maxConcurrent: number, minTime: number) =>
    new Bottleneck.Group({ id, maxConcurrent, minTime: Math.round(minTime * timeScale), ...common });
  return {
    write: group("octokit-write", 1, 1000),
    notifications: group("octokit-notifications", 1, 3000),
    search: group("octokit-search", 1, 2000),
    retryAfterBaseValue: 1000 * timeScale,
  };
}

/**
 * ProbotOctokit with throttling off, scaled or as in production, and retries on or off. Probot
 * sets its own `throttle` options on every client it makes, so the switches have to be applied in
 * the constructor, after Probot's defaults.
 */
function sandboxOctokit(
  base: typeof ProbotOctokit,
  throttle: boolean | ThrottleTiming,
  retry: boolean,
): typeof ProbotOctokit {
  if (throttle === true && retry) return base;
  const scaled = typeof throttle === "object" ? scaledThrottle(throttle) : undefined;
  return class extends base {
    constructor(options: OctokitOptions = {}) {
      const throttleOptions =
        throttle === false || options.throttle?.enabled === false
          ? { throttle: { ...options.throttle, enabled: false } }
          : scaled
            ? { throttle: { ...options.throttle, ...scaled } }
            : {};
      super({
        ...options,
        ...throttleOptions,
        ...(retry ? {} : { retry: { ...options.retry, enabled: false }, request: { ...options.request, retries: 0 } }),
      });
    }
  };
}

export interface ConnectedApp {
  /** The app's webhook endpoint, which the sandbox delivers to. */
  webhookUrl: string;
  probot: Probot;
  stop(): Promise<void>;
}

export interface StartAppOptions {
  /** The Probot app to run: the sandbox knows no app of its own. */
  appFn: ApplicationFunction;
  port?: number;
  logLevel?: "trace" | "debug" | "info" | "warn" | "error" | "fatal";
  /**
   * Octokit's throttling (@octokit/plugin-throttling, on in production; default off here): it
   * queues the app's requests per installation, one write at a time, writes and GraphQL 1 s apart
   * (3 s for writes that notify people), and retries rate-limited answers after `retry-after`.
   * `true` is exactly production; `{ timeScale }` is production with every wait scaled (the e2e
   * tests use it, so a lifecycle keeps production's queueing without minutes of waiting).
   */
  throttle?: boolean | ThrottleTiming;
  /** Octokit's retries of 5xx answers (default on, as in production); tests of crashes turn them off. */
  retry?: boolean;
  /** The Octokit class the app runs with in production, when it gives Probot its own (default Probot's). */
  Octokit?: typeof ProbotOctokit;
}

/**
 * Runs a Probot app against the sandbox as it would run against GitHub Enterprise Server: its
 * Octokit talks to `<apiUrl>/api/v3` with the app's key (JWT, then installation tokens), and the
 * sandbox delivers signed webhooks to the app's own HTTP endpoint.
 */
export async function startAppOnSandbox(sandbox: Sandbox, options: StartAppOptions): Promise<ConnectedApp> {
  const { appFn } = options;
  // Probot's own logger writes to stdout; here stdout belongs to whoever started the sandbox
  const transform = await getTransformStream({ logFormat: "pretty" });
  transform.pipe(process.stderr);
  const probot = new Probot({
    Octokit: sandboxOctokit(options.Octokit ?? ProbotOctokit, options.throttle ?? false, options.retry ?? true),
    log: pino({ name: "probot", level: options.logLevel ?? "warn" }, transform),
    appId: sandbox.appId,
    privateKey: sandbox.credentials.privateKeyPem,
    secret: sandbox.webhookSecret,
    baseUrl: `${sandbox.apiUrl}/api/v3`,
  });
  const middleware = await createNodeMiddleware(appFn, { probot, webhooksPath: "/api/github/webhooks" });
  const server: Server = createServer((request, response) => {
    void middleware(request, response, () => response.writeHead(404).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  sandbox.setWebhookUrl(webhookUrl);
  return {
    webhookUrl,
    probot,
    stop: async () => {
      sandbox.setWebhookUrl(undefined);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
