import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { formatConfigIssues, parseConfig } from "../config/index.js";
import type { Config } from "../config/index.js";
import { UsageError } from "./usage-error.js";

export const defaultConfigPath = ".github/autopilot.yml";

/**
 * The repository's `.github/autopilot.yml` (defaults when absent). An invalid file stops the
 * command with every issue listed, as the app's `autopilot/config` check would.
 */
export function loadConfigFile(root: string, file = defaultConfigPath): Config {
  const path = join(root, file);
  const text = existsSync(path) ? readFileSync(path, "utf8") : undefined;
  const result = parseConfig(text, { file });
  if (!result.ok) {
    throw new UsageError(`invalid configuration in ${file}:\n${formatConfigIssues(result.issues, file)}`);
  }
  return result.config;
}
