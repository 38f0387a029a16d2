import { LineCounter, isAlias, isMap, isScalar, parseDocument, visit } from "yaml";
import type { Document } from "yaml";
import { inlineCode } from "./markdown-code.js";
import { exampleFor, suggestField } from "./owner-question.js";
import type { OwnerQuestion } from "./owner-question.js";
import { readBudgetText } from "./read-field-text.js";
import type { SpecBlock } from "./split-issue-body.js";
import { fencedBlockExample, isTaskSpecField, taskSpecFields } from "./task-spec-fields.js";
import type { TaskSpecField } from "./task-spec-fields.js";
import { yamlErrorSummary, yamlValue } from "./yaml-value.js";

export interface FencedSpecRead {
  /** raw values of the known keys; empty when the block could not be read */
  values: Partial<Record<TaskSpecField, unknown>>;
  questions: OwnerQuestion[];
  /** every top-level key written, even when the block did not parse (best effort) */
  keysWritten: Set<string>;
  /** false when a syntax error makes the values untrustworthy */
  readable: boolean;
}

export const blockField = "autopilot block";

/** Keys that are not spec keys asked about one by one; past it, one question names them. */
const maxKeyQuestions = 5;
/** Keys named in that one question. */
const namedKeys = 20;

/**
 * Aliases without an anchor, in document order. Owners hit this with unquoted globs
 * (`scope: [**\/*.ts]`); the yaml library only notices when converting, without a position.
 */
function unresolvedAliases(doc: Document, source: string, lineCounter: LineCounter): { line: number; raw: string }[] {
  const anchors = new Set<string>();
  const found: { line: number; raw: string }[] = [];
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        if (!anchors.has(node.source)) {
          const [start = 0, end = start] = node.range ?? [];
          found.push({ line: lineCounter.linePos(start).line, raw: source.slice(start, end) || `*${node.source}` });
        }
      } else if (node.anchor) {
        anchors.add(node.anchor);
      }
    },
  });
  return found;
}

/** Reads one ```autopilot block: YAML syntax, the shape of the document, unknown keys. */
export function readFencedSpec(block: SpecBlock): FencedSpecRead {
  const lineCounter = new LineCounter();
  const doc = parseDocument(block.yaml, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const keysWritten = new Set<string>();
  const keyLines = new Map<string, number>();
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      keysWritten.add(key);
      const offset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      if (offset !== undefined && !keyLines.has(key)) keyLines.set(key, lineCounter.linePos(offset).line);
    }
  }
  const where = (line: number, column?: number): string =>
    `line ${line}${column === undefined ? "" : `, column ${column}`} of the autopilot block (issue line ${block.line + line})`;

  const unreadable = (problem: string, example = fencedBlockExample): FencedSpecRead => ({
    values: {},
    keysWritten,
    readable: false,
    questions: [{ field: blockField, problem, example }],
  });

  if (doc.errors.length > 0) {
    const shown = doc.errors.slice(0, 5).map((error) => {
      const pos = error.linePos?.[0];
      return `${pos ? `${where(pos.line, pos.col)}: ` : ""}${yamlErrorSummary(error.message)}`;
    });
    const more = doc.errors.length > shown.length ? ` (and ${doc.errors.length - shown.length} more)` : "";
    return unreadable(`not valid YAML: ${[...new Set(shown)].join("; ")}${more}`);
  }

  const aliases = unresolvedAliases(doc, block.yaml, lineCounter);
  if (aliases.length > 0) {
    const shown = aliases.map(({ line, raw }) => `${inlineCode(raw)} at ${where(line)}`).join(", ");
    return unreadable(
      `YAML reads a value that starts with \`*\` as a reference to an anchor: ${shown}; put globs in quotes`,
      'scope: ["**/*.ts", "docs/*.md"]',
    );
  }

  const plain = yamlValue(doc);
  if (!plain.ok) return unreadable(`cannot be read: ${plain.message}`);
  const data = plain.value;
  if (data === null || data === undefined) return { values: {}, keysWritten, readable: true, questions: [] };
  if (typeof data !== "object" || Array.isArray(data)) {
    return unreadable(
      `must hold \`key: value\` lines, not ${Array.isArray(data) ? "a list" : typeof data === "string" ? "text" : typeof data}`,
    );
  }

  const values: Partial<Record<TaskSpecField, unknown>> = {};
  const questions: OwnerQuestion[] = [];
  const unknown = Object.keys(data).filter((key) => !isTaskSpecField(key));
  if (unknown.length > maxKeyQuestions) {
    // one question for them all: a question each (with its example) would make a comment longer
    // than GitHub takes, and the task would never start nor say why
    const named = unknown.slice(0, namedKeys).map((key) => inlineCode(key.slice(0, 40)));
    const more = unknown.length > namedKeys ? `, and ${unknown.length - namedKeys} more` : "";
    questions.push({
      field: blockField,
      problem: `holds ${unknown.length} keys that are not task-spec keys (${named.join(", ")}${more}); the keys are ${taskSpecFields.join(", ")}`,
      example: fencedBlockExample,
    });
  }
  for (const [key, value] of Object.entries(data)) {
    if (isTaskSpecField(key)) {
      values[key] = value;
      continue;
    }
    if (unknown.length > maxKeyQuestions) continue;
    const line = keyLines.get(key);
    const guess = suggestField(key);
    const at = line === undefined ? "" : ` at ${where(line)}`;
    questions.push({
      field: key,
      problem: guess
        ? `not a task-spec key${at}; did you mean ${inlineCode(guess)}?`
        : `not a task-spec key${at}; the keys are ${taskSpecFields.join(", ")}`,
      example: guess ? exampleFor(guess, "fenced") : fencedBlockExample,
    });
  }

  // `budget: "files: 20, lines: 600"` means what the form syntax means.
  if (typeof values.budget === "string") {
    const budget = readBudgetText(values.budget);
    values.budget = budget.value;
    for (const problem of budget.problems) {
      questions.push({ field: "budget", problem, example: exampleFor("budget", "fenced") });
    }
  }
  return { values, keysWritten, readable: true, questions };
}
