import { safeCodeSpan } from "../markdown/index.js";
import { parseTaskFile } from "./parse-task-file.js";
import { recordedSpecFields, type Budget, type Mode, type Risk, type TaskFileFrontMatter } from "./task-spec.js";

/** The spec Autopilot recorded for a task (its queue entry on the default branch), as the gates judge by it. */
export interface RecordedSpec {
  id: string;
  issue: number;
  branch: string | null;
  scope: string[];
  forbidden: string[];
  risk: Risk;
  mode: Mode;
  refs: string[];
  /** the work item of the plan the task delivers; absent when it names none */
  item?: string;
  budget?: Budget;
  /** absent on entries recorded before the criteria were */
  acceptance?: string[];
  tests?: string[];
}

/** The front-matter fields that must say what the queue recorded. */
const compared = ["id", "issue", "branch", ...recordedSpecFields] as const;

const maxShown = 160;

/** A value as a code span it cannot leave: the PR wrote it, so it is shown, never rendered. */
function shown(value: unknown): string {
  const text = value === undefined ? "(none)" : JSON.stringify(value);
  return safeCodeSpan(text.length <= maxShown ? text : `${text.slice(0, maxShown)}…`);
}

/** Budgets compare by value, whatever order their keys were written in. */
function normalized(key: (typeof compared)[number], value: unknown): unknown {
  if (key !== "budget" || value === undefined) return value;
  const budget = value as Budget;
  return { files: budget.files, lines: budget.lines };
}

/**
 * How the task file at a PR's head departs from the spec Autopilot recorded: one line per edited
 * field, or why the file cannot be read at all. Empty when the file still says what was recorded.
 * Criteria and tests are compared only when the queue recorded them (older entries did not).
 * `text` is undefined when the PR deleted the file.
 */
export function taskFileEdits(recorded: RecordedSpec, text: string | undefined): string[] {
  if (text === undefined) return ["it deleted the task file"];
  const parsed = parseTaskFile(text);
  if (!parsed.ok) return [`the task file no longer parses (${parsed.errors.join("; ")})`];
  const front: TaskFileFrontMatter = parsed.frontMatter;
  const edits: string[] = [];
  for (const key of compared) {
    const expected = recorded[key];
    if ((key === "acceptance" || key === "tests") && expected === undefined) continue;
    const actual = normalized(key, front[key]);
    if (JSON.stringify(actual) !== JSON.stringify(normalized(key, expected))) {
      edits.push(`\`${key}\` is ${shown(front[key])} instead of the recorded ${shown(expected)}`);
    }
  }
  return edits;
}
