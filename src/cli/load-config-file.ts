import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config/config-schema.js";
import { defaultConfigJson } from "../config/default-config-json.js";
import type { AllowlistCache } from "./allowlist-cache.js";
import { workingTreeSource } from "./config-source.js";
import { UsageError } from "./usage-error.js";

export const defaultConfigPath = ".github/autopilot.yml";

/**
 * The repository's `.github/autopilot.yml` in the working tree (defaults when absent). See
 * {@link configFromText}.
 */
export async function loadConfigFile(
  root: string,
  file = defaultConfigPath,
  cacheFor?: () => Promise<AllowlistCache | undefined>,
): Promise<Config> {
  const path = join(root, file);
  if (!existsSync(path)) return defaultConfig();
  return configFromText(readFileSync(path, "utf8"), file, workingTreeSource, cacheFor);
}

/** The defaults: the generated copy of what the schema gives, without loading the schemas. */
export function defaultConfig(): Config {
  return JSON.parse(defaultConfigJson) as Config;
}

/**
 * The configuration of a file's `text`, read from `source` (`working tree`, or `ref:<ref>` for a
 * git revision's copy). An invalid file stops the command with every issue listed, as the app's
 * `autopilot/config` check would. The YAML parser and the schemas are loaded only here, when
 * there is a file to read; with a cache (`cacheFor`, asked only then), a text validated before
 * (same text, same source, same build of the CLI) is read back from it (config-cache.ts). The
 * text validated is the very text the cache entry is named after, never a second read.
 */
export async function configFromText(
  text: string,
  file: string,
  source: string,
  cacheFor?: () => Promise<AllowlistCache | undefined>,
): Promise<Config> {
  const cache = await cacheFor?.();
  if (cache === undefined) return validateConfigText(text, file);
  const { cachedConfig } = await import("./config-cache.js");
  return cachedConfig(text, () => validateConfigText(text, file), cache, source);
}

export async function validateConfigText(text: string, file: string): Promise<Config> {
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
