import { disarmInline } from "../markdown/index.js";
import type { OwnerQuestion } from "../task/owner-question.js";
import { blockField } from "../task/read-fenced-spec.js";
import { autopilotModes, riskLevels } from "../task/task-spec.js";
import { fencedBlockExample, fieldExamples, isTaskSpecField } from "../task/task-spec-fields.js";

/** A question before it is recorded: what `askOwner` gets from a workflow. */
export interface QuestionDraft {
  /** markdown: what is wrong or undecided (owner and model text already quoted) */
  question: string;
  /** the answers Autopilot understands; empty when the answer is free text */
  options: string[];
  /** what Autopilot would choose, and why (for spec questions: a valid example value) */
  recommendation: string;
  /** spec questions: the field the answer is the value of */
  field?: string;
}

const fieldOptions: Record<string, readonly string[]> = { risk: riskLevels, mode: autopilotModes };

/** The value part of an example line (`scope: [...]` → `[...]`), multi-line values dedented. */
export function exampleValue(field: string, example: string): string {
  const rest = example.startsWith(`${field}:`) ? example.slice(field.length + 1) : example;
  const lines = rest
    .replace(/^[ \t]+/, "")
    .split("\n")
    .filter((line, index) => index > 0 || line.trim() !== "");
  const indent = Math.min(
    ...lines.filter((line) => line.trim() !== "").map((line) => /^ */.exec(line)?.[0].length ?? 0),
  );
  return lines
    .map((line, index) => (index === 0 && !rest.startsWith("\n") ? line : line.slice(indent)))
    .join("\n")
    .trim();
}

/** The inside of the example ```autopilot block, for a question about the block as a whole. */
const blockExample = (): string => fencedBlockExample.split("\n").slice(1, -1).join("\n");

/**
 * An incomplete spec's question as a decision: the field, the problem, the values the field
 * takes (risk and mode), and a valid example as the recommendation, written as the owner would
 * answer it: the value after `field:` for a spec field, the whole block's YAML for the block,
 * and `key: value` lines for a key that is not a spec field (which the answer replaces).
 */
export function specQuestionDraft(question: OwnerQuestion): QuestionDraft {
  const { field } = question;
  const recommendation = isTaskSpecField(field)
    ? exampleValue(field, fieldExamples[field].fenced)
    : field === blockField
      ? blockExample()
      : question.example.startsWith("```")
        ? blockExample()
        : question.example;
  return {
    // a key that is not a spec field is the issue author's text: shown, never live
    question: `**${isTaskSpecField(field) ? field : disarmInline(field, 80)}**: ${question.problem}`,
    options: [...(fieldOptions[field] ?? [])],
    recommendation,
    field,
  };
}
