import type { z } from "zod";
import { inlineCode } from "./markdown-code.js";
import { closestKey, exampleFor } from "./owner-question.js";
import type { OwnerQuestion, SpecSyntax } from "./owner-question.js";
import { fencedBlockExample, isTaskSpecField, missingFieldProblems } from "./task-spec-fields.js";

type Issue = z.core.$ZodIssue;

const typeNames: Record<string, string> = {
  array: "a list",
  string: "text",
  number: "a number",
  int: "a whole number",
  object: "`key: value` pairs",
  boolean: "true or false",
};

/** How an owner's value reads in a message: text quoted as code, structures named by kind. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return "nothing";
  if (typeof value === "string") return inlineCode(value);
  if (typeof value === "number" || typeof value === "boolean") return inlineCode(String(value));
  if (Array.isArray(value)) return "a list";
  return "`key: value` pairs";
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** "item 2" for list positions, the key name for map entries. */
const placeOf = (path: readonly PropertyKey[]): string =>
  path.map((key) => (typeof key === "number" ? `item ${key + 1}` : String(key))).join(" ");

function describeIssue(issue: Issue, data: unknown): string {
  const place = placeOf(issue.path.slice(1));
  const subject = place === "" ? "" : `${place} `;
  const actual = valueAt(data, issue.path);
  const shown = place === "" ? describeValue(actual) : `${place} (${describeValue(actual)})`;
  switch (issue.code) {
    case "invalid_type": {
      const message = `${subject}should be ${typeNames[issue.expected] ?? issue.expected}, not ${describeValue(actual)}`;
      // `- GET /x: returns 200` is a map in YAML; the owner meant one line of text.
      const colonInText =
        issue.expected === "string" && actual !== null && typeof actual === "object" && !Array.isArray(actual);
      if (colonInText) return `${message} (\`: \` inside unquoted text starts a key; put the item in quotes)`;
      // YAML reads `item: 1.10` as the number 1.1: only quotes keep the WBS id the owner wrote
      const numberId = issue.path[0] === "item" && typeof actual === "number";
      return numberId ? `${message} (YAML reads an unquoted id as a number; write it in quotes: "1.2")` : message;
    }
    case "invalid_value":
      return `${shown} is not one of ${issue.values.map(String).join(", ")}`;
    case "invalid_format":
      return `${shown} ${issue.message}`;
    case "too_small":
      if (issue.origin === "string") return `${subject}is empty`;
      if (issue.origin === "number") return `${shown} must be at least 1`;
      return `${subject}${issue.message}`;
    case "unrecognized_keys":
      return issue.keys
        .map((key) => {
          const guess = closestKey(key, ["files", "lines"]);
          return `${subject}${inlineCode(key)} is not a budget key${guess ? `; did you mean ${inlineCode(guess)}?` : " (use files and lines)"}`;
        })
        .join("; ");
    default:
      return `${subject}${issue.message}`;
  }
}

/**
 * Turns every schema issue into owner questions, one per field, in the syntax the owner used.
 * A missing field is not asked about when the owner did write it somewhere unreadable (a block
 * with a syntax error, a duplicated section, a misspelled key already asked about).
 */
export function questionsFromIssues(
  issues: readonly Issue[],
  data: Record<string, unknown>,
  syntaxOf: (field: string) => SpecSyntax,
  alreadyAsked: ReadonlySet<string>,
): OwnerQuestion[] {
  const byField = new Map<string, Issue[]>();
  for (const issue of issues) {
    const field = typeof issue.path[0] === "string" ? issue.path[0] : "";
    byField.set(field, [...(byField.get(field) ?? []), issue]);
  }
  const questions: OwnerQuestion[] = [];
  for (const [field, fieldIssues] of byField) {
    if (!isTaskSpecField(field)) {
      questions.push({
        field: field || "autopilot block",
        problem: fieldIssues.map((issue) => issue.message).join("; "),
        example: fencedBlockExample,
      });
      continue;
    }
    const missing = data[field] === undefined;
    if (missing && alreadyAsked.has(field)) continue;
    const problems = missing
      ? [missingFieldProblems[field] ?? "missing"]
      : [...new Set(fieldIssues.map((issue) => describeIssue(issue, data)))];
    questions.push({ field, problem: problems.join("; "), example: exampleFor(field, syntaxOf(field)) });
  }
  return questions;
}
