import type { Config } from "../config/config-schema.js";
import { defaultConfigJson } from "../config/default-config-json.js";
import { type AllowlistCache, cachedValue, isAllowlist } from "./allowlist-cache.js";
import { workingTreeSource } from "./config-source.js";

/**
 * The whole configuration of a file's `text`, kept as `cachedAllowlist` (allowlist-cache.ts) keeps
 * its allowlist, for `autopilot check` (a pre-push hook): validated once per content and build,
 * then read back with no schema, YAML parser or zod loaded, for the same `source` only (the
 * working tree, or `ref:<ref>` for the copy at a check's base). An entry is trusted as the
 * allowlist's are (the user's own, for this very text and build), and must have the
 * configuration's keys and an allowlist.
 */
export function cachedConfig(
  text: string,
  validate: () => Promise<Config>,
  cache: AllowlistCache | undefined,
  source: string = workingTreeSource,
): Promise<Config> {
  return cachedValue("config", isConfig, text, validate, cache, source);
}

/** The keys every validated configuration has (the defaults fill in what the file leaves out). */
const configKeys = Object.keys(JSON.parse(defaultConfigJson) as object);

function isConfig(value: unknown): value is Config {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const record = value as Record<string, unknown>;
  return (
    configKeys.every((key) => Object.hasOwn(record, key)) &&
    keys.every((key) => key === "_extends" || configKeys.includes(key)) &&
    isAllowlist((record.secrets as { allowlist?: unknown } | null)?.allowlist)
  );
}
