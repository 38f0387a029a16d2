import { UsageError } from "./usage-error.js";

export type OutputFormat = "text" | "json";

/** The `--format` option every command takes. */
export function parseFormat(value: string | undefined): OutputFormat {
  if (value === undefined || value === "text" || value === "json") return value ?? "text";
  throw new UsageError(`--format must be text or json, not "${value}"`);
}
