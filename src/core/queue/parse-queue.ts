import { checkEntry } from "./queue-entry.js";
import type { QueueEntry } from "./queue-entry.js";
import { normalizeItems } from "./queue-document.js";
import type { QueueDocument, QueueItem } from "./queue-document.js";
import { readJsonLines, type JsonLineError, type RecordCheck } from "../jsonl/index.js";

export type QueueLineError = JsonLineError;

/**
 * Reads `ops/queue.jsonl`. Never throws on bad content and never drops a line that has content:
 * a line that is not JSON, fails the schema, or repeats a task id already seen (the first one
 * wins) is kept byte for byte and reported. Blank lines carry nothing and are dropped silently.
 * CRLF and a leading BOM are accepted; the document is written back with LF and no BOM.
 */
export function parseQueue(text: string): { doc: QueueDocument; errors: QueueLineError[] } {
  const check = (value: unknown): RecordCheck<QueueEntry> => {
    const checked = checkEntry(value);
    return checked.ok ? { ok: true, value: checked.entry } : checked;
  };
  const { lines, errors } = readJsonLines(text, check, { of: (entry) => entry.id, name: "task id" });
  const items: QueueItem[] = lines.map((line) =>
    line.kind === "record"
      ? { kind: "entry", entry: line.value }
      : { kind: "invalid", raw: line.raw, line: line.line, message: line.message },
  );
  return { doc: { items: normalizeItems(items) }, errors };
}
