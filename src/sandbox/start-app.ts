import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getTransformStream } from "@probot/pino";
import { pino } from "pino";
import { createNodeMiddleware, Probot, ProbotOctokit, type ApplicationFunction } from "probot";
import type { Sandbox } from "./sandbox.js";

type OctokitOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;

/**
 * ProbotOctokit with throttling and/or retries off. Probot sets its own `throttle` options on every
 * client it makes, so the switches have to be applied in the constructor, after Probot's defaults.
 */
function sandboxOctokit(base: typeof ProbotOctokit, throttle: boolean, retry: boolean): typeof ProbotOctokit {
  if (throttle && retry) return base;
  return class extends base {
    constructor(options: OctokitOptions = {}) {
      super({
        ...options,
        ...(throttle ? {} : { throttle: { ...options.throttle, enabled: false } }),
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
  /** Default: Autopilot itself. */
  appFn?: ApplicationFunction;
  port?: number;
  logLevel?: "trace" | "debug" | "info" | "warn" | "error" | "fatal";
  /**
   * Octokit's throttling (default off here): against GitHub it spaces writes a second apart, as
   * GitHub asks of integrations; a local sandbox has no such limit unless a test injects one.
   */
  throttle?: boolean;
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
export async function startAppOnSandbox(sandbox: Sandbox, options: StartAppOptions = {}): Promise<ConnectedApp> {
  const appFn = options.appFn ?? (await import("../index.js")).default;
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
