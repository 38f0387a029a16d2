import { checkEntry } from "./queue-entry.js";
import type { QueueEntry } from "./queue-entry.js";
import { normalizeItems } from "./queue-document.js";
import type { QueueDocument, QueueItem } from "./queue-document.js";
import { locateJsonError } from "./locate-json-error.js";

export interface QueueLineError {
  /** 1-based */
  line: number;
  /** what is wrong and where: a JSON syntax error with its column, or zod issues with their paths */
  message: string;
  /** the line as read, without its line break */
  raw: string;
}

/** Only JSON whitespace counts as blank: a line of other invisible characters is content. */
const blankLine = /^[ \t\r]*$/;

type LineReading = { ok: true; entry: QueueEntry } | { ok: false; message: string };

function readLine(raw: string): LineReading {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const location = locateJsonError(raw);
    return {
      ok: false,
      message: location
        ? `invalid JSON at column ${location.column}: ${location.message}`
        : `invalid JSON: ${error.message}`,
    };
  }
  return checkEntry(value);
}

/**
 * Reads `ops/queue.jsonl`. Never throws on bad content and never drops a line that has content:
 * a line that is not JSON, fails the schema, or repeats a task id already seen (the first one
 * wins) is kept byte for byte and reported. Blank lines carry nothing and are dropped silently.
 * CRLF and a leading BOM are accepted; the document is written back with LF and no BOM.
 */
export function parseQueue(text: string): { doc: QueueDocument; errors: QueueLineError[] } {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const items: QueueItem[] = [];
  const errors: QueueLineError[] = [];
  const firstLineOf = new Map<string, number>();

  body.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (blankLine.test(raw)) return;
    const reading = readLine(raw);
    let message: string;
    if (reading.ok) {
      const { id } = reading.entry;
      const first = firstLineOf.get(id);
      if (first === undefined) {
        firstLineOf.set(id, line);
        items.push({ kind: "entry", entry: reading.entry });
        return;
      }
      message = `duplicate task id ${id}: line ${first} already has it; this line is kept as is and ignored`;
    } else {
      message = reading.message;
    }
    items.push({ kind: "invalid", raw, line, message });
    errors.push({ line, message, raw });
  });

  return { doc: { items: normalizeItems(items) }, errors };
}
