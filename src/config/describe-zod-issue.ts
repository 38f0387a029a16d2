import type { z } from "zod";
import { codeSpan, describeValue } from "./describe-value.js";
import { suggestKey } from "./suggest-key.js";

const expectedWords: Readonly<Record<string, string>> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "`true` or `false`",
  object: "a mapping (`key: value` lines)",
  array: "a list",
  record: "a mapping (`key: value` lines)",
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const yamlBooleanWords = new Set(["yes", "no", "on", "off", "y", "n", "true", "false"]);

const listValues = (values: readonly unknown[]): string => values.map((value) => codeSpan(String(value))).join(", ");

const bound = (issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean }, direction: "min" | "max") => {
  const limit = String(direction === "min" ? issue.minimum : issue.maximum);
  if (direction === "min") return issue.inclusive === false ? `greater than ${limit}` : `at least ${limit}`;
  return issue.inclusive === false ? `less than ${limit}` : `at most ${limit}`;
};

const sizeWords = (origin: string, limit: string): string => {
  if (origin === "string") return `${limit} character${limit === "1" ? "" : "s"}`;
  if (origin === "array") return `${limit} item${limit === "1" ? "" : "s"}`;
  return limit;
};

/**
 * Zod error map for configuration files: says what is wrong in words an owner editing YAML
 * understands, and which values are allowed. Schema-level messages take precedence over this map
 * (zod's rule), so specific explanations written next to a field win.
 */
export const describeZodIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type": {
      const expected = expectedWords[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return `is required: give it ${expected}`;
      if (issue.input === null) return `is empty: give it ${expected}, or delete the key to use the default`;
      const hint =
        issue.expected === "boolean" &&
        typeof issue.input === "string" &&
        yamlBooleanWords.has(issue.input.toLowerCase())
          ? " (YAML 1.2 reads `yes`, `no`, `on`, `off` and quoted words as text: write true or false unquoted)"
          : "";
      if (issue.expected === "int" && typeof issue.input === "number")
        return `must be a whole number, got ${describeValue(issue.input)}`;
      return `must be ${expected}, got ${describeValue(issue.input)}${hint}`;
    }
    case "invalid_value": {
      if (issue.values.length === 1)
        return `must be ${codeSpan(String(issue.values[0]))}, got ${describeValue(issue.input)}`;
      const close = typeof issue.input === "string" ? suggestKey(issue.input, issue.values.map(String)) : undefined;
      const guess = close === undefined ? "" : ` (did you mean ${codeSpan(close)}?)`;
      return `must be one of ${listValues(issue.values)}, got ${describeValue(issue.input)}${guess}`;
    }
    case "too_small": {
      if (issue.origin === "string" && Number(issue.minimum) === 1) return "may not be empty";
      if (issue.origin === "array") return `must list at least ${sizeWords("array", String(issue.minimum))}`;
      return `must be ${bound(issue, "min")}${issue.origin === "string" ? " characters long" : ""}, got ${describeValue(issue.input)}`;
    }
    case "too_big": {
      if (issue.origin === "string" || issue.origin === "array") {
        return `must be at most ${sizeWords(issue.origin, String(issue.maximum))} long`;
      }
      return `must be ${bound(issue, "max")}, got ${describeValue(issue.input)}`;
    }
    case "invalid_format":
      return `has the wrong format${issue.pattern === undefined ? "" : ` (must match ${codeSpan(issue.pattern)})`}, got ${describeValue(issue.input)}`;
    case "unrecognized_keys":
      return `has unknown key${issue.keys.length === 1 ? "" : "s"} ${listValues(issue.keys)}`;
    case "invalid_union": {
      const options = "options" in issue ? (issue.options as readonly unknown[] | undefined) : undefined;
      if (issue.discriminator !== undefined && options !== undefined) {
        const given = isRecord(issue.input) ? issue.input[issue.discriminator] : undefined;
        const verb = given === undefined ? "it is missing" : `got ${describeValue(given)}`;
        return `must be one of ${listValues(options)}; ${verb}`;
      }
      return `does not match any allowed form, got ${describeValue(issue.input)}`;
    }
    case "invalid_key": {
      const reasons = issue.issues.map((inner) => inner.message).join("; ");
      return `is not an allowed key here: ${reasons}`;
    }
    default:
      return undefined;
  }
};
