import { LineCounter, parseDocument } from "yaml";
import { checkConfigValue } from "./check-config-value.js";
import type { ConfigResult } from "./config-issue.js";
import { createYamlLocator } from "./create-yaml-locator.js";
import { yamlOptions } from "./parse-config.js";

export interface ValidateConfigObjectOptions {
  /** The file's text, when known, so issues can carry line and column. */
  sourceText?: string;
}

/**
 * Validates a configuration that is already an object, as `context.config()` returns it (Probot
 * has parsed the YAML and resolved `_extends`). `null` or `undefined` (no file) gives the defaults.
 */
export function validateConfigObject(value: unknown, options: ValidateConfigObjectOptions = {}): ConfigResult {
  if (options.sourceText === undefined) return checkConfigValue(value, undefined);
  const lineCounter = new LineCounter();
  const document = parseDocument(options.sourceText, { ...yamlOptions, lineCounter });
  // Even a text this parser finds fault with can still place most paths, so errors are not fatal here.
  return checkConfigValue(value, createYamlLocator(document, lineCounter));
}
