import type { Config } from "./config-schema.js";
import { configSchema } from "./config-schema.js";

/** The configuration of a repository without `.github/autopilot.yml`; a fresh object each call. */
export function defaultConfig(): Config {
  return configSchema.parse({});
}
