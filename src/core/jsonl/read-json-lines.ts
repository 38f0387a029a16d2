import { locateJsonError } from "./locate-json-error.js";

export interface JsonLineError {
  /** 1-based */
  line: number;
  /** what is wrong and where: a JSON syntax error with its column, or the record's own problem */
  message: string;
  /** the line as read, without its line break */
  raw: string;
}

export type JsonLine<T> =
  | { kind: "record"; value: T; raw: string; line: number }
  | ({ kind: "invalid" } & JsonLineError);

export type RecordCheck<T> = { ok: true; value: T } | { ok: false; message: string };

/** Only JSON whitespace counts as blank: a line of other invisible characters is content. */
const blankLine = /^[ \t\r]*$/;

function parseLine(raw: string): RecordCheck<unknown> {
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
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
}

/**
 * Reads one of the JSON Lines files Autopilot keeps (`ops/queue.jsonl`, `ops/decisions.jsonl`).
 * Never throws on bad content and never drops a line that has content: a line that is not JSON,
 * fails `check`, or repeats an id already seen (the first one wins) is returned as `invalid` in
 * its place, byte for byte, and reported. Blank lines carry nothing and are dropped. CRLF and a
 * leading BOM are accepted.
 */
export function readJsonLines<T>(
  text: string,
  check: (value: unknown) => RecordCheck<T>,
  identity: { of: (value: T) => string; name: string },
): { lines: JsonLine<T>[]; errors: JsonLineError[] } {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const lines: JsonLine<T>[] = [];
  const errors: JsonLineError[] = [];
  const firstLineOf = new Map<string, number>();
  body.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (blankLine.test(raw)) return;
    const parsed = parseLine(raw);
    const reading = parsed.ok ? check(parsed.value) : parsed;
    let message: string;
    if (reading.ok) {
      const id = identity.of(reading.value);
      const first = firstLineOf.get(id);
      if (first === undefined) {
        firstLineOf.set(id, line);
        lines.push({ kind: "record", value: reading.value, raw, line });
        return;
      }
      message = `duplicate ${identity.name} ${id}: line ${first} already has it; this line is kept as is and ignored`;
    } else {
      message = reading.message;
    }
    lines.push({ kind: "invalid", raw, line, message });
    errors.push({ line, message, raw });
  });
  return { lines, errors };
}
