import type { Config } from "../../config/index.js";
import type { LockConflict } from "../scope/index.js";
import type { OwnerQuestion, TaskSpec } from "../task/index.js";
import { disarmCode, disarmMarkdown } from "../markdown/index.js";
import { renderOwnerQuestions } from "../task/index.js";
import { controlPaths } from "../gates/control-paths.js";
import { charCount, fitTitle, githubTextLimits } from "../text-limits.js";
import { agentDeliverySection } from "./agent-delivery.js";

const code = (text: string): string => disarmCode(text);
const list = (items: readonly string[]): string => (items.length === 0 ? "none" : items.map(code).join(", "));

/**
 * `[T-12] Add paginated widgets`: the task PR's title, the issue's title cut so the whole stays
 * within GitHub's 256 characters (an issue titled in the web UI may already be that long).
 */
export const pullRequestTitle = (taskId: string, title: string): string => fitTitle(`[${taskId}] `, title);

/**
 * How much of the PR body the spec's lists may take, in UTF-16 units (never fewer than GitHub's
 * characters): their number is uncapped, and the task file on the branch holds them all.
 */
const listBudget = { acceptance: 30_000, tests: 8_000 } as const;

/** `lines` one a line, as many as fit `budget`; when some are left out, a last line says so. */
function listWithin(lines: readonly string[], budget: number, rest: (left: number) => string): string {
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    used += line.length + 1;
    if (used > budget) break;
    kept.push(line);
  }
  return [...kept, ...(kept.length < lines.length ? [rest(lines.length - kept.length)] : [])].join("\n");
}

const closing =
  "Autopilot merges only when the gates, the review and CI pass and the merge policy for this risk level allows it.";

/**
 * The draft PR's description: the issue it closes, the spec the agent works to, and how each
 * gate will judge the pushes, so nobody has to guess why a check fails. Within GitHub's 65,536
 * characters whatever the spec's size: long lists are cut, and past that the body points to the
 * task file, which holds the whole spec.
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
  const header = [
    `Closes #${input.issue}`,
    `**${input.taskId}** — risk \`${spec.risk}\`, mode \`${spec.mode}\`. The brief and the full spec are in ${code(input.taskFile)} on this branch.`,
    // the item was validated as a WBS id (digits and dots) and checked against the plan
    ...(spec.item === undefined
      ? []
      : [
          `Delivers work item \`${spec.item}\` of the plan of record (\`ops/por.json\`): merged, this task counts toward it.`,
        ]),
  ];
  const body = [
    ...header,
    "### Acceptance criteria",
    // the owner's words, but an issue's author may have written them: shown, never live
    listWithin(
      spec.acceptance.map((criterion) => `- [ ] ${disarmMarkdown(criterion, { oneLine: true, maxLength: 1000 })}`),
      listBudget.acceptance,
      (left) => `- … and ${left} more in ${code(input.taskFile)}`,
    ),
    ...(spec.tests.length > 0
      ? [
          "### Tests that prove it",
          listWithin(
            spec.tests.map((command) => `- ${code(command)}`),
            listBudget.tests,
            (left) => `- … and ${left} more in ${code(input.taskFile)}`,
          ),
        ]
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
    closing,
  ].join("\n\n");
  if (charCount(body) <= githubTextLimits.body) return body;
  // the scope, forbidden and ref lists are uncapped too: past GitHub's limit, the task file says it all
  return [
    header.join("\n\n"),
    `The spec is too long to repeat here (GitHub takes at most ${githubTextLimits.body.toLocaleString("en-US")} characters): its acceptance criteria, tests, scope and how to deliver are in ${code(input.taskFile)}.`,
    closing,
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
