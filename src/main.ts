import { run } from "probot";
import autopilot from "./index.js";
import { parseEnv } from "./env.js";

/**
 * Server entry. Probot's `run` serves the webhook endpoint and, when APP_ID / PRIVATE_KEY are
 * missing outside production, its GitHub App setup flow from `app.yml` (manifest registration).
 */
parseEnv();
const server = await run(autopilot);

// Containers stop with SIGTERM: stop taking deliveries, let the queued work finish, then exit.
// Work refused meanwhile is picked up by the next instance's start-up sweep.
process.once("SIGTERM", () => {
  server
    .stop()
    .then(() => autopilot.shutdown())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
});
