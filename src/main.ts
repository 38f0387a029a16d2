import { type ApplicationFunction, run } from "probot";
import { defaultWebhookPath, logFormatOf, parseEnv, webhookSecretProblem } from "./env.js";
import { AutopilotOctokit } from "./github/autopilot-octokit.js";
import { limitWebhookBodies } from "./github/limit-webhook-bodies.js";
import { createAutopilot } from "./index.js";
import { AppMetrics } from "./metrics/index.js";
import { createAppLogger } from "./work/app-logger.js";
import { RedisRepositoryLock } from "./work/redis-repository-lock.js";

/**
 * Server entry (`npm start`). Probot's `run` serves the webhook endpoint, `/healthz` and
 * `/metrics`; when APP_ID or the private key is missing outside production it serves its GitHub
 * App registration flow from `app.yml` instead (the manifest flow, at http://HOST:PORT/probot).
 * Outside NODE_ENV=development it refuses to start without a WEBHOOK_SECRET. A webhook request body
 * is read only up to GitHub's 25 MB cap and for a minute at most (413 / 408 beyond).
 */
const env = parseEnv();
// deliveries are only as trustworthy as their signature: no real secret, no server (see env.ts)
const secretProblem = webhookSecretProblem();
if (secretProblem !== undefined) {
  process.stderr.write(`${secretProblem}\n`);
  process.exit(1);
}
const log = await createAppLogger({
  level: env.LOG_LEVEL,
  format: logFormatOf(env),
  levelInString: env.LOG_LEVEL_IN_STRING,
  messageKey: env.LOG_MESSAGE_KEY,
  sentryDsn: env.SENTRY_DSN,
});
// REDIS_URL: Probot shares GitHub's rate limits across replicas, and the replicas share one lock per repository
const repositoryLock =
  env.REDIS_URL === undefined
    ? undefined
    : RedisRepositoryLock.fromUrl(env.REDIS_URL, { appId: env.APP_ID ?? "unconfigured", log });
if (repositoryLock) log.info("REDIS_URL: jobs of one repository are serialised across replicas through Redis");
const autopilot = createAutopilot({
  metrics: new AppMetrics({ processMetrics: true }),
  ...(env.WEBHOOK_SECRET_PREVIOUS && { previousWebhookSecret: env.WEBHOOK_SECRET_PREVIOUS }),
  ...(repositoryLock && { repositoryLock }),
});
// the signature is checked only once the body is in memory: bound the body before that
const app: ApplicationFunction = (probot, options) => {
  // an empty WEBHOOK_PATH is Probot's default path too
  limitWebhookBodies(probot, { path: env.WEBHOOK_PATH || defaultWebhookPath });
  return autopilot(probot, options);
};
// Probot's Octokit, but retrying after GitHub's secondary rate limits (Probot's default gives up)
const server = await run(app, { log, Octokit: AutopilotOctokit });

// Containers stop with SIGTERM: stop taking deliveries, let the queued work finish, then exit.
// Work refused meanwhile is picked up by the next instance's start-up sweep.
process.once("SIGTERM", () => {
  log.info("SIGTERM: no new deliveries; finishing the queued work before exiting");
  server
    .stop()
    .then(() => autopilot.shutdown())
    .then(
      () => {
        log.info("shutdown complete: every queued job has run");
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
});
