import { run } from "probot";
import autopilot from "./index.js";
import { parseEnv } from "./env.js";

/**
 * Server entry. Probot's `run` serves the webhook endpoint and, when APP_ID / PRIVATE_KEY are
 * missing outside production, its GitHub App setup flow from `app.yml` (manifest registration).
 */
parseEnv();
const server = await run(autopilot);

// Containers stop with SIGTERM: close the listener so in-flight deliveries finish.
process.once("SIGTERM", () => {
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
