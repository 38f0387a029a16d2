import type { DatedReadinessRow, ReadinessResult, ReadinessRow } from "./readiness-row.js";

/** Where the app keeps, on its state branch, when each readiness row last changed its result. */
export const readinessPath = "ops/readiness.json";

/** `ops/readiness.json`: each row's result and the time it took that result, by row id. */
export type ReadinessRecord = Record<string, { result: ReadinessResult; since: string }>;

const results = new Set<string>(["ok", "warn", "fail"]);

/**
 * The record as the file has it; an absent, unreadable or foreign file is an empty record (the
 * rows then date from now: `since` is a display, it decides nothing).
 */
export function parseReadinessRecord(text: string | undefined): ReadinessRecord {
  if (text === undefined || text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  const rows = (parsed as { rows?: unknown } | null)?.rows;
  if (typeof rows !== "object" || rows === null || Array.isArray(rows)) return {};
  const record: ReadinessRecord = {};
  for (const [id, value] of Object.entries(rows)) {
    const { result, since } = (value ?? {}) as { result?: unknown; since?: unknown };
    if (typeof result === "string" && results.has(result) && typeof since === "string") {
      record[id] = { result: result as ReadinessResult, since };
    }
  }
  return record;
}

/** The file's text: rows sorted by id, one per line, so its history on the state branch reads as a log. */
export function serializeReadinessRecord(record: ReadinessRecord): string {
  const ids = Object.keys(record).sort();
  const lines = ids.map((id, index) => {
    const comma = index < ids.length - 1 ? "," : "";
    return `    ${JSON.stringify(id)}: ${JSON.stringify(record[id])}${comma}`;
  });
  return ids.length === 0 ? '{ "rows": {} }\n' : `{\n  "rows": {\n${lines.join("\n")}\n  }\n}\n`;
}

/**
 * The rows dated from the record: a row keeps its `since` while its result stays, and takes `now`
 * when it changes or first appears. `changed` when the record must be written (a result changed,
 * a row appeared or went away).
 */
export function dateReadinessRows(
  record: ReadinessRecord,
  rows: readonly ReadinessRow[],
  now: string,
): { rows: DatedReadinessRow[]; record: ReadinessRecord; changed: boolean } {
  const next: ReadinessRecord = {};
  const dated = rows.map((row) => {
    const known = record[row.id];
    const since = known !== undefined && known.result === row.result ? known.since : now;
    next[row.id] = { result: row.result, since };
    return { ...row, since };
  });
  const ids = Object.keys(record);
  const changed = ids.length !== rows.length || rows.some((row) => record[row.id]?.result !== row.result);
  return { rows: dated, record: next, changed };
}
