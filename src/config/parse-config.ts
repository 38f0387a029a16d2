import { LineCounter, parseDocument } from "yaml";
import type { YAMLError } from "yaml";
import { checkConfigValue } from "./check-config-value.js";
import type { ConfigIssue, ConfigResult } from "./config-issue.js";
import { configFilePath } from "./config-schema.js";
import { codeSpan } from "./describe-value.js";
import { createYamlLocator } from "./create-yaml-locator.js";

export interface ParseConfigOptions {
  /** Repository path of the file, named in messages about the file as a whole (syntax, shape). */
  file?: string;
}

/**
 * Options shared with {@link validateConfigObject}'s locator: `<<` merge keys on, because Probot
 * reads the same file with js-yaml, which honours them.
 */
export const yamlOptions = { prettyErrors: false, merge: true, uniqueKeys: true } as const;

/** Aliases may expand at most this often, so a hostile file cannot make the app build a huge object. */
const maxAliasCount = 100;

/**
 * The largest configuration file, in bytes: half of what GitHub's contents API returns in its JSON
 * form (1 MB; past it `content` is empty and `encoding` is `none`), so every way the app reads the
 * file (REST, GraphQL, raw) sees the same verdict, and a padded file is refused rather than read
 * as the defaults by one path and as written by another.
 */
export const maxConfigBytes = 512 * 1024;

/** The issue of a file too large to be read the same way everywhere. */
export const tooLargeIssue = (bytes: number, file: string = configFilePath): ConfigIssue => ({
  path: "",
  message: `${codeSpan(file)} is ${bytes.toLocaleString("en-US")} bytes; a configuration may be at most ${maxConfigBytes.toLocaleString("en-US")} bytes: remove what pads it`,
});

const syntaxIssue = (error: YAMLError, lineCounter: LineCounter, file: string): ConfigIssue => {
  const { line, col } = lineCounter.linePos(error.pos[0]);
  const first = error.message.split("\n")[0] ?? error.message;
  let reason = first;
  if (error.code === "MULTIPLE_DOCS") {
    reason = "the file holds more than one YAML document (`---` separators); keep a single one";
  } else if (error.code === "BAD_SCALAR_START") {
    // Typically `handle: @claude`: YAML reserves `@` and backtick at the start of a plain value.
    reason = `${first}; put the value in quotes, e.g. \`handle: "@claude"\``;
  }
  return { path: "", line, column: col, message: `YAML syntax error in ${codeSpan(file)}: ${reason}` };
};

/**
 * Parses and validates the text of `.github/autopilot.yml`. A missing or empty file gives the
 * default configuration. Syntax errors come back with their line and column; otherwise every
 * schema issue in the file is reported at once, each located in the source.
 */
export function parseConfig(yamlText: string | undefined | null, options: ParseConfigOptions = {}): ConfigResult {
  const file = options.file ?? configFilePath;
  if (yamlText === undefined || yamlText === null) return checkConfigValue({}, undefined, file);
  const bytes = Buffer.byteLength(yamlText, "utf8");
  if (bytes > maxConfigBytes) return { ok: false, issues: [tooLargeIssue(bytes, file)] };

  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { ...yamlOptions, lineCounter });
  if (document.errors.length > 0) {
    return { ok: false, issues: document.errors.map((error) => syntaxIssue(error, lineCounter, file)) };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount });
  } catch (error) {
    // yaml signals alias expansion beyond maxAliasCount with a ReferenceError; anything else is a bug.
    if (!(error instanceof ReferenceError)) throw error;
    return {
      ok: false,
      issues: [
        {
          path: "",
          message: `YAML aliases in ${codeSpan(file)} expand too often (more than ${maxAliasCount} times); write the values out instead`,
        },
      ],
    };
  }
  return checkConfigValue(value, createYamlLocator(document, lineCounter), file);
}
