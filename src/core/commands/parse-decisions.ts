import { describeIssues } from "../queue/queue-entry.js";
import { readJsonLines, type JsonLineError, type RecordCheck } from "../jsonl/index.js";
import { withUnknownFields } from "../jsonl/record-keys.js";
import { canonicalDecision, decisionSchema, stringifyDecision } from "./decisions.js";
import type { Decision } from "./decisions.js";

/**
 * A decision and, when it was read from the file and not changed since, the line as written, so
 * a rewrite leaves every line it did not touch byte for byte (and the git diff shows one line).
 */
export type DecisionItem =
  | { kind: "decision"; decision: Decision; raw?: string }
  | { kind: "invalid"; raw: string; line: number; message: string };

/** `ops/decisions.jsonl` as items in file order (the order questions were asked). */
export interface DecisionsDocument {
  readonly items: readonly DecisionItem[];
}

export type DecisionLineError = JsonLineError;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function checkDecision(value: unknown): RecordCheck<Decision> {
  if (!isRecord(value)) return { ok: false, message: "expected one JSON object per line" };
  const result = decisionSchema.safeParse(value);
  if (!result.success) return { ok: false, message: describeIssues(result.error) };
  const data = result.data as Record<string, unknown>;
  const decision = withUnknownFields(data, value);
  decision.asked_in = withUnknownFields(
    data.asked_in as Record<string, unknown>,
    value.asked_in as Record<string, unknown>,
  );
  if (isRecord(value.answer)) decision.answer = withUnknownFields(data.answer as Record<string, unknown>, value.answer);
  if (isRecord(value.withdrawn))
    decision.withdrawn = withUnknownFields(data.withdrawn as Record<string, unknown>, value.withdrawn);
  return { ok: true, value: canonicalDecision(decision as unknown as Decision) };
}

/**
 * Reads `ops/decisions.jsonl`. Never throws on bad content and never drops a line with content:
 * a line that is not JSON, fails the schema, or repeats a question id already seen (the first
 * wins) is kept byte for byte in its place and reported. Blank lines are dropped; CRLF and a BOM
 * are accepted and written back as LF without BOM.
 */
export function parseDecisions(text: string): { doc: DecisionsDocument; errors: DecisionLineError[] } {
  const { lines, errors } = readJsonLines(text, checkDecision, { of: (decision) => decision.id, name: "question id" });
  const items: DecisionItem[] = lines.map((line) =>
    line.kind === "record"
      ? { kind: "decision", decision: line.value, raw: line.raw }
      : { kind: "invalid", raw: line.raw, line: line.line, message: line.message },
  );
  return { doc: { items }, errors };
}

/** The file text: untouched lines as read, changed ones in canonical form, LF, one final newline. */
export function serializeDecisions(doc: DecisionsDocument): string {
  const lines = doc.items.map((item) =>
    item.kind === "invalid" ? item.raw : (item.raw ?? stringifyDecision(item.decision)),
  );
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/** Valid decisions in the order they were asked. */
export const listDecisions = (doc: DecisionsDocument): Decision[] =>
  doc.items.flatMap((item) => (item.kind === "decision" ? [item.decision] : []));
