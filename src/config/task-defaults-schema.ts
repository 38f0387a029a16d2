import { z } from "zod";
import { riskSchema } from "../core/task/task-spec.js";
import { countSchema, globListSchema, withSectionDefault } from "./common-schemas.js";

const budgetObjectSchema = z
  .object({
    files: countSchema(1).default(50).describe("Most files a task's PR may change before `autopilot/scope` fails."),
    lines: countSchema(1)
      .default(1500)
      .describe("Most changed lines (added + removed) a task's PR may have before `autopilot/scope` fails."),
  })
  .strict();

const taskDefaultsObjectSchema = z
  .object({
    scope: globListSchema(
      "Globs every task may write to, added to the scope in the issue. Usually empty: each task names its own scope.",
      [],
    ),
    forbidden: globListSchema(
      "Globs no task may touch, whatever its scope says; added to the task's own `forbidden` list. " +
        "They add to Autopilot's control files, which are always forbidden and cannot be removed here: the task folder " +
        "(`task_dir`), the queue (`queue_file`), `ops/decisions.jsonl`, `ops/model-decisions.jsonl`, " +
        "`.github/autopilot.yml`, `CODEOWNERS` (at the root, in `.github/` or `docs/`), `.github/workflows/**`, " +
        "`.github/actions/**` and the blueprint indices (`concordance.index_paths`).",
      [],
    ),
    budget: withSectionDefault(budgetObjectSchema).describe("Change budget of a task whose spec names none."),
    risk: riskSchema
      .optional()
      .describe(
        "Risk level assumed when an issue does not state one: `low`, `medium`, `high` or `critical`. No default: unless you set it, Autopilot asks the owner.",
      ),
  })
  .strict();

export const taskDefaultsSchema = withSectionDefault(taskDefaultsObjectSchema).describe(
  "Defaults merged into every task spec.",
);
