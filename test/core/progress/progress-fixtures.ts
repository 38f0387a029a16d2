import { parseQueue } from "../../../src/core/queue/index.js";
import type { QueueDocument, QueueEntry } from "../../../src/core/queue/index.js";
import { fileOf } from "../queue/queue-fixtures.js";

export const repoUrl = "https://github.com/acme/widgets";
export const now = new Date("2025-06-02T08:00:00Z");

/** A queue read the way the app reads it, so entries are normalized and sorted. */
export function queueOf(...entries: QueueEntry[]): QueueDocument {
  const { doc, errors } = parseQueue(fileOf(...entries.map((entry) => JSON.stringify(entry))));
  if (errors.length > 0)
    throw new Error(`fixture queue is invalid: ${errors.map((error) => error.message).join("; ")}`);
  return doc;
}

/** A small deterministic PRNG, so property-style tests are reproducible. */
export { mulberry32 as random } from "../../helpers/random-tokens.js";

/** Table rows of a markdown section: the lines starting with `|` after the heading, minus header and rule. */
export function tableRows(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`## ${heading}\n`);
  if (start === -1) throw new Error(`no section ${heading}`);
  const rest = markdown.slice(start).split("\n").slice(1);
  const end = rest.findIndex((line) => line.startsWith("## "));
  return (end === -1 ? rest : rest.slice(0, end)).filter((line) => line.startsWith("|")).slice(2);
}

/** Cells of a table row, splitting only on unescaped `|`. */
export const cellsOf = (row: string): string[] =>
  row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
