import { configFilePath, type Config } from "../../config/index.js";
import { decisionsPath } from "../commands/decisions.js";
import { outlinePath } from "../plan/render-outline.js";
import { planPath } from "../plan/plan-schema.js";
import { progressPath } from "../progress/render-records.js";

/** Where the app records the model calls it made (written on merge). */
export const modelDecisionsPath = "ops/model-decisions.jsonl";

/** Files GitHub reads as code owners (the first one found wins). */
const codeownersPaths = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

/**
 * The files that govern Autopilot itself: the task files, the queue, the decisions, the
 * configuration, code owners, workflows and actions, the blueprint indices concordance reads, and
 * the plan of record with the records generated from it (a task that ticked its own box in the
 * outline, or moved an item in the plan, would report its own progress).
 * A task PR that writes one of them would judge itself, so they are forbidden to every task
 * whatever the configuration says (configuration can add forbidden paths, never remove these).
 * A path is either exact or a folder written `folder/**`; no other glob syntax is used, so a
 * configured path is matched literally even when it holds a brace or a parenthesis.
 */
export function controlPaths(config: Pick<Config, "task_dir" | "queue_file" | "concordance">): string[] {
  const { nt, td, crosswalk } = config.concordance.index_paths;
  const paths = [
    `${config.task_dir}/**`,
    config.queue_file,
    decisionsPath,
    modelDecisionsPath,
    configFilePath,
    ...codeownersPaths,
    ".github/workflows/**",
    ".github/actions/**",
    nt,
    td,
    crosswalk,
    planPath,
    progressPath,
    outlinePath,
  ];
  return [...new Set(paths)];
}
