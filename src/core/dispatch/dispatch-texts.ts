import type { Config } from "../../config/index.js";
import type { LockConflict } from "../scope/index.js";
import type { OwnerQuestion, TaskSpec } from "../task/index.js";
import { disarmCode, disarmMarkdown } from "../markdown/index.js";
import { renderOwnerQuestions } from "../task/index.js";
import { controlPaths } from "../gates/control-paths.js";
import { agentDeliverySection } from "./agent-delivery.js";

const code = (text: string): string => disarmCode(text);
const list = (items: readonly string[]): string => (items.length === 0 ? "none" : items.map(code).join(", "));

/** `[T-12] Add paginated widgets`: the task PR's title. */
export const pullRequestTitle = (taskId: string, title: string): string => `[${taskId}] ${title}`;

/**
 * The draft PR's description: the issue it closes, the spec the agent works to, and how each
 * gate will judge the pushes, so nobody has to guess why a check fails.
 */
export function pullRequestBody(input: {
  taskId: string;
  issue: number;
  spec: TaskSpec;
  config: Config;
  taskFile: string;
  branch: string;
}): string {
  const { spec, config } = input;
  const budget = {
    files: spec.budget?.files ?? config.defaults.budget.files,
    lines: spec.budget?.lines ?? config.defaults.budget.lines,
  };
  const forbidden = [...config.defaults.forbidden, ...spec.forbidden];
  return [
    `Closes #${input.issue}`,
    `**${input.taskId}** — risk \`${spec.risk}\`, mode \`${spec.mode}\`. The brief and the full spec are in ${code(input.taskFile)} on this branch.`,
    // the item was validated as a WBS id (digits and dots) and checked against the plan
    ...(spec.item === undefined
      ? []
      : [
          `Delivers work item \`${spec.item}\` of the plan of record (\`ops/por.json\`): merged, this task counts toward it.`,
        ]),
    "### Acceptance criteria",
    // the owner's words, but an issue's author may have written them: shown, never live
    spec.acceptance
      .map((criterion) => `- [ ] ${disarmMarkdown(criterion, { oneLine: true, maxLength: 1000 })}`)
      .join("\n"),
    ...(spec.tests.length > 0
      ? ["### Tests that prove it", spec.tests.map((command) => `- ${code(command)}`).join("\n")]
      : []),
    "### How the gates judge each push",
    [
      `- \`autopilot/scope\`: every changed path inside ${list(spec.scope)}, none in ${list(forbidden)}; at most ${budget.files} files and ${budget.lines} changed lines; no path another in-progress task holds.`,
      `- \`autopilot/concordance\`: commits carry \`Task: ${input.taskId}\`${spec.refs.length > 0 ? ` and \`Refs:\` naming ${list(spec.refs)}` : " and `Refs:`/`WBS:` trailers"} that exist in the blueprint indices.`,
      "- `autopilot/secrets`: no credential in any added line (a leaked credential must be rotated, not just removed).",
    ].join("\n"),
    agentDeliverySection({
      taskId: input.taskId,
      branch: input.branch,
      refs: spec.refs,
      scope: spec.scope,
      forbidden,
      controlPaths: controlPaths(config),
    }),
    "Autopilot merges only when the gates, the review and CI pass and the merge policy for this risk level allows it.",
  ].join("\n\n");
}

/** The comment asking the owner to complete the spec. */
export const questionsComment = (questions: readonly OwnerQuestion[]): string => renderOwnerQuestions(questions);

/** The comment saying which in-progress task holds the paths this task needs. */
export function blockedComment(taskId: string, conflicts: readonly LockConflict[]): string {
  const lines = conflicts.map(
    (conflict) => `- **${conflict.taskId}** holds ${conflict.paths.map(code).join(", ")}: ${conflict.reason}`,
  );
  return [
    `${taskId} cannot start yet: its scope overlaps work in progress.`,
    lines.join("\n"),
    "Autopilot starts it once those tasks are done, or when the scope is narrowed (edit the issue).",
  ].join("\n\n");
}
