import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config/config-schema.js";
import { defaultConfigJson } from "../config/default-config-json.js";
import type { AllowlistCache } from "./allowlist-cache.js";
import { UsageError } from "./usage-error.js";

export const defaultConfigPath = ".github/autopilot.yml";

/**
 * The repository's `.github/autopilot.yml` (defaults when absent). An invalid file stops the
 * command with every issue listed, as the app's `autopilot/config` check would. The YAML parser
 * and the schemas are loaded only when there is a file to read: without one, the defaults are
 * the generated copy of what the schema gives; with a cache (`cacheFor`, asked only when there is
 * a file), a file validated before (same text, same build of the CLI) is read back from it
 * (config-cache.ts).
 */
export async function loadConfigFile(
  root: string,
  file = defaultConfigPath,
  cacheFor?: () => Promise<AllowlistCache | undefined>,
): Promise<Config> {
  const path = join(root, file);
  if (!existsSync(path)) return JSON.parse(defaultConfigJson) as Config;
  const text = readFileSync(path, "utf8");
  const cache = await cacheFor?.();
  if (cache === undefined) return validateConfigText(text, file);
  const { cachedConfig } = await import("./config-cache.js");
  return cachedConfig(text, () => validateConfigText(text, file), cache);
}

async function validateConfigText(text: string, file: string): Promise<Config> {
  const [{ parseConfig }, { formatConfigIssues }] = await Promise.all([
    import("../config/parse-config.js"),
    import("../config/format-config-issues.js"),
  ]);
  const result = parseConfig(text, { file });
  if (!result.ok) {
    throw new UsageError(`invalid configuration in ${file}:\n${formatConfigIssues(result.issues, file)}`);
  }
  return result.config;
}
