import { disarmInline } from "../markdown/index.js";
import { fencedCode } from "./markdown-code.js";
import type { OwnerQuestion } from "./owner-question.js";

const indent = (text: string, width: number): string =>
  text
    .split("\n")
    .map((line) => (line === "" ? line : `${" ".repeat(width)}${line}`))
    .join("\n");

/** Form sections and whole blocks are markdown; the rest are lines of the ```autopilot block. */
const exampleLanguage = (example: string): string =>
  example.startsWith("### ") || example.startsWith("```") ? "markdown" : "yaml";

/**
 * The body of the issue comment that asks the owner to complete a task spec: a numbered list,
 * each item with the problem and a valid example in a code block, then how to answer.
 * Returns "" when there is nothing to ask.
 */
export function renderOwnerQuestions(questions: readonly OwnerQuestion[]): string {
  if (questions.length === 0) return "";
  const count = questions.length === 1 ? "one answer" : `${questions.length} answers`;
  const items = questions.map((question, index) => {
    const marker = `${index + 1}. `;
    const example = fencedCode(question.example, exampleLanguage(question.example));
    // List-item continuation lines must be indented to the marker's width to stay in the item.
    return `${marker}**${disarmInline(question.field, 80)}**: ${question.problem}\n\n${indent(`For example:\n\n${example}`, marker.length)}`;
  });
  return [
    `Autopilot needs ${count} before it can start this task:`,
    items.join("\n\n"),
    "To answer, comment `/answer <n> <value>` (the value as it would follow `field:` in the ```autopilot block), or edit the issue description: Autopilot reads it again after every edit.",
  ].join("\n\n");
}
