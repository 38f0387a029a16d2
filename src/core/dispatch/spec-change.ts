import type { Config } from "../../config/index.js";
import { codeSpan } from "../markdown-text.js";
import type { QueueEntry } from "../queue/index.js";
import { parseTaskSpec, recordedSpecFields, type RecordedSpecField, type TaskSpec } from "../task/index.js";

/** Fields every queue entry has (budget absent means none), as against those only newer entries record. */
const alwaysRecorded: ReadonlySet<RecordedSpecField> = new Set([
  "risk",
  "scope",
  "forbidden",
  "mode",
  "budget",
  "refs",
  // absent means none: an edit that adds an item is a change like any other
  "item",
]);

export interface SpecFieldChange {
  field: RecordedSpecField;
  from: unknown;
  to: unknown;
}

/** Whether the queue holds a spec for the task: a task waiting for its first complete spec has none (empty scope). */
export const hasRecordedSpec = (entry: QueueEntry): boolean => entry.scope.length > 0;

const recordedValue = (entry: QueueEntry, field: RecordedSpecField): { known: boolean; value: unknown } => {
  const value = (entry as unknown as Record<string, unknown>)[field];
  return { known: alwaysRecorded.has(field) || value !== undefined, value };
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What a spec would change in what the queue recorded, field by field; empty when nothing. */
export function diffSpec(entry: QueueEntry, spec: object): SpecFieldChange[] {
  const proposed = spec as unknown as Record<string, unknown>;
  return recordedSpecFields.flatMap((field) => {
    const recorded = recordedValue(entry, field);
    if (!recorded.known || same(recorded.value, proposed[field])) return [];
    return [{ field, from: recorded.value, to: proposed[field] }];
  });
}

/**
 * The spec a task is judged by after dispatch when nobody with authority changed it: the issue's
 * spec (for what the queue does not record) with every recorded field put back.
 */
export function keepRecordedSpec(spec: TaskSpec, entry: QueueEntry): TaskSpec {
  const kept: Record<string, unknown> = { ...spec };
  for (const field of recordedSpecFields) {
    const recorded = recordedValue(entry, field);
    if (!recorded.known) continue;
    if (recorded.value === undefined) delete kept[field];
    else kept[field] = recorded.value;
  }
  return kept as unknown as TaskSpec;
}

const maxValueLength = 120;

/** A value as one short line: `[src/a/**, test/**]`, `{files: 20}`, `none`. */
function formatValue(value: unknown): string {
  if (value === undefined || value === null) return "none";
  const text = Array.isArray(value)
    ? `[${value.map((item) => (typeof item === "string" ? item : JSON.stringify(item))).join(", ")}]`
    : typeof value === "object"
      ? `{${Object.entries(value)
          .map(([key, item]) => `${key}: ${JSON.stringify(item)}`)
          .join(", ")}}`
      : String(value);
  const line = text.replace(/\s+/g, " ");
  return line.length > maxValueLength ? `${line.slice(0, maxValueLength - 1)}…` : line;
}

/** The changes as the queue's history says them: `risk medium → low; scope [src/a/**] → [**]`. */
export function describeSpecChange(changes: readonly SpecFieldChange[]): string {
  return changes.map((change) => `${change.field} ${formatValue(change.from)} → ${formatValue(change.to)}`).join("; ");
}

/**
 * What the issue's spec, as it reads now, would change in the recorded one: the changes (possibly
 * none), or `invalid` when the issue holds no complete spec.
 */
export function issueSpecChange(body: string | null, config: Config, entry: QueueEntry): SpecFieldChange[] | "invalid" {
  const parsed = parseTaskSpec(body, {
    defaults: {
      forbidden: [],
      scope: config.defaults.scope,
      ...(config.defaults.risk ? { risk: config.defaults.risk } : {}),
    },
  });
  if (!parsed.ok) return "invalid";
  return hasRecordedSpec(entry)
    ? diffSpec(entry, parsed.spec)
    : recordedSpecFields.flatMap((field) => {
        const to = (parsed.spec as unknown as Record<string, unknown>)[field];
        return to === undefined ? [] : [{ field, from: undefined, to }];
      });
}

/**
 * The one reply to an edit of the spec by someone without authority: nothing recorded changed,
 * and who may change it. What the edit proposed is shown in a code span (no mention, no link).
 */
export function specEditRefusedComment(input: {
  taskId: string;
  editor: string;
  who: string;
  proposed: SpecFieldChange[] | "invalid";
}): string {
  const changes = input.proposed === "invalid" ? [] : input.proposed;
  const shown = codeSpan(describeSpecChange(changes), 400);
  const proposed = changes.length === 0 ? "" : ` The edit would have changed: ${shown}.`;
  return [
    `@${input.editor}, your edit did not change **${input.taskId}**:`,
    `after dispatch, only ${input.who} can change a task's spec.`,
    `The spec recorded in the queue still holds (the queue, the task file and the labels are unchanged).${proposed}`,
    "To change it, ask one of them to edit the issue,",
    "or to comment `/dispatch` on it once the issue says what they want.",
  ].join(" ");
}
