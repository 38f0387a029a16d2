import { stringify } from "yaml";
import { taskFileFrontMatterSchema } from "./task-spec.js";
import type { TaskFileFrontMatter } from "./task-spec.js";

/** Front-matter key order: who and where first, then the spec as owners write it. */
export const taskFileKeys = [
  "id",
  "issue",
  "title",
  "branch",
  "risk",
  "mode",
  "scope",
  "forbidden",
  "refs",
  "item",
  "budget",
  "acceptance",
  "tests",
] as const satisfies readonly (keyof TaskFileFrontMatter)[];

/**
 * `ops/tasks/T-<n>.md`: YAML front matter between `---` lines, a blank line, then the brief.
 * Keys always come in the same order so the file diffs cleanly. The YAML writer indents every
 * continuation line, so no `---` from a value can end the front matter early, and `---` lines in
 * the brief come after the closing one. Throws when the front matter is invalid: writing a task
 * file the app cannot read back would be a bug.
 */
export function renderTaskFile(frontMatter: TaskFileFrontMatter, brief: string): string {
  const valid = taskFileFrontMatterSchema.parse(frontMatter);
  const ordered: Record<string, unknown> = {};
  for (const key of taskFileKeys) {
    const value = valid[key];
    if (value === undefined) continue;
    ordered[key] =
      key === "budget" && valid.budget
        ? Object.fromEntries(
            (["files", "lines"] as const)
              .filter((name) => valid.budget?.[name] !== undefined)
              .map((name) => [name, valid.budget?.[name]]),
          )
        : value;
  }
  // No folding (lineWidth 0) keeps long criteria on one line; no aliases even if two keys share
  // one array object.
  const yaml = stringify(ordered, { lineWidth: 0, aliasDuplicateObjects: false });
  return brief === "" ? `---\n${yaml}---\n` : `---\n${yaml}---\n\n${brief}\n`;
}
