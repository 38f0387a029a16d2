import type { Config } from "./config-schema.js";

/** One problem in `.github/autopilot.yml`, precise enough to fix without reading the schema. */
export interface ConfigIssue {
  /** Where in the config: `merge.policy.high.full`, `owners[1]`; empty for the file as a whole. */
  path: string;
  /** 1-based, when the source text is known and the path can be found in it. */
  line?: number;
  column?: number;
  /** What is wrong and which values are allowed, in words for the person editing the file. */
  message: string;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; issues: ConfigIssue[] };
