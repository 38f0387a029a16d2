import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config/config-schema.js";
import type { AllowlistCache } from "./allowlist-cache.js";
import { refSource, workingTreeSource } from "./config-source.js";
import { gitShowEach } from "./git-show-each.js";
import { configFromText, defaultConfig, defaultConfigPath } from "./load-config-file.js";

/** The configuration a check judges by, where it came from, and what the user should know of it. */
export interface CheckConfig {
  config: Config;
  /** `base` (the file at --base), `working tree` (the base has none) or `defaults` */
  from: "base" | "working tree" | "defaults";
  /** sentences for the output: where the configuration came from when not the base, a change to it */
  notes: string[];
}

/**
 * The configuration `autopilot check` judges a change by: `.github/autopilot.yml` at `base`, as
 * the app reads it at the default branch, never the change's own copy. A change that set
 * `branch_prefix` (so its task branch is "not a task branch") or widened the secrets allowlist
 * would otherwise pass the gates that judge it.
 *
 * When the base has no file: the working tree's, if the change (HEAD) has none either (a
 * configuration being tried out, not committed; said in the notes). A change that adds the file
 * is judged by the defaults, as the app judges it (it reads the default branch, where the file is
 * not yet): its copy applies once merged.
 */
export async function loadCheckConfig(
  root: string,
  base: string,
  cacheFor: () => Promise<AllowlistCache | undefined>,
): Promise<CheckConfig> {
  const file = defaultConfigPath;
  const [atBase, atHead] = gitShowEach([`${base}:${file}`, `HEAD:${file}`], root);
  const notes: string[] = [];
  if (atBase !== undefined) {
    if (atHead !== atBase)
      notes.push(
        `this change ${atHead === undefined ? "removes" : "modifies"} ${file}: the gates read it at ${base}, as the app reads it at the default branch; the change's copy applies once merged, and a task's change may not touch it (a control file: autopilot/scope fails)`,
      );
    return { config: await configFromText(atBase, file, refSource(base), cacheFor), from: "base", notes };
  }
  if (atHead !== undefined) {
    notes.push(
      `${base} has no ${file} and this change adds one: the gates use the defaults, as the app would; the change's copy applies once merged, and a task's change may not add it (a control file: autopilot/scope fails)`,
    );
    return { config: defaultConfig(), from: "defaults", notes };
  }
  const path = join(root, file);
  if (!existsSync(path)) return { config: defaultConfig(), from: "defaults", notes };
  notes.push(
    `${base} has no ${file}: the gates read the working tree's copy, which is not committed; the app would use the defaults`,
  );
  return {
    config: await configFromText(readFileSync(path, "utf8"), file, workingTreeSource, cacheFor),
    from: "working tree",
    notes,
  };
}
