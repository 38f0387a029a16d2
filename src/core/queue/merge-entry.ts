import { canTransition } from "./can-transition.js";
import { checkEntry, stringifyEntry } from "./queue-entry.js";
import type { QueueEntry, QueueHistoryItem } from "./queue-entry.js";

export interface EntryMerge {
  /** undefined when the task is gone from the merged queue */
  entry: QueueEntry | undefined;
  conflicts: string[];
}

/** History items are the same move when they agree on from, to, delivery and time. */
const moveKey = (item: QueueHistoryItem): string => JSON.stringify([item.from, item.to, item.delivery, item.at]);

const timeOf = (at: string | undefined): number => {
  const time = at === undefined ? Number.NaN : Date.parse(at);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
};

const lastAt = (entry: QueueEntry): string | undefined => entry.history[entry.history.length - 1]?.at;

/** Union of both histories by move, ordered by time; on equal times the newer side's items first. */
function mergeHistory(newer: QueueEntry, older: QueueEntry): QueueHistoryItem[] {
  const seen = new Set<string>();
  const union: QueueHistoryItem[] = [];
  for (const item of [...newer.history, ...older.history]) {
    const key = moveKey(item);
    if (seen.has(key)) continue;
    seen.add(key);
    union.push(item);
  }
  return union
    .map((item, index) => ({ item, index }))
    .sort((a, b) => timeOf(a.item.at) - timeOf(b.item.at) || a.index - b.index)
    .map(({ item }) => item);
}

const hasNewMoves = (entry: QueueEntry, base: QueueEntry | undefined): boolean => {
  const baseMoves = new Set((base?.history ?? []).map(moveKey));
  return entry.history.some((item) => !baseMoves.has(moveKey(item)));
};

const fieldOf = (entry: QueueEntry | undefined, key: string): unknown =>
  entry === undefined ? undefined : (entry as unknown as Record<string, unknown>)[key];

const fieldText = (entry: QueueEntry | undefined, key: string): string | undefined => {
  const value = fieldOf(entry, key);
  return value === undefined ? undefined : JSON.stringify(value);
};

/**
 * Merges a task both sides changed.
 *
 * The newer side is the one whose last history item is newest; on a tie, theirs, because it is
 * already on the default branch. `done` beats any other status whatever the times, because a
 * merged PR cannot be un-merged; only a side that rolled the merge back (`done → blocked`) beats it. A field changed on one side only takes that side; a field both
 * sides changed differently takes the newer side and is reported, since a value was discarded.
 */
function mergeChanged(id: string, base: QueueEntry | undefined, ours: QueueEntry, theirs: QueueEntry): EntryMerge {
  const conflicts: string[] = [];
  const sideName = (entry: QueueEntry) => (entry === ours ? "ours" : "theirs");
  // a rollback is the one move out of `done` (a side that rolled the merge back is later than its `done`)
  const rolledBack = (side: QueueEntry) => side.history.some((item) => item.from === "done");
  const doneSide =
    ours.status === theirs.status
      ? undefined
      : ([ours, theirs].find(rolledBack) ?? [ours, theirs].find((side) => side.status === "done"));
  const newer = doneSide ?? (timeOf(lastAt(ours)) > timeOf(lastAt(theirs)) ? ours : theirs);
  const older = newer === ours ? theirs : ours;

  const merged: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(ours), ...Object.keys(theirs), ...Object.keys(base ?? {})]);
  keys.delete("status");
  keys.delete("history");
  for (const key of keys) {
    const [o, t, b] = [fieldText(ours, key), fieldText(theirs, key), fieldText(base, key)];
    const pick = o === t || t === b ? ours : o === b ? theirs : newer;
    if (o !== t && o !== b && t !== b) {
      conflicts.push(
        `${id}: both sides changed ${key} (ours ${o ?? "removed"}, theirs ${t ?? "removed"}); ` +
          `kept ${sideName(newer)}, the newer`,
      );
    }
    const value = fieldOf(pick, key);
    if (value !== undefined) {
      Object.defineProperty(merged, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }

  // When only one side moved the task, its status stands; when both did, the newer move wins.
  const bothMoved = hasNewMoves(ours, base) && hasNewMoves(theirs, base);
  if (bothMoved || doneSide !== undefined) merged.status = newer.status;
  else merged.status = ours.status === base?.status ? theirs.status : ours.status;

  if (bothMoved && ours.status !== theirs.status) {
    // Compatible when the newer move could have followed the older one, as if they had been serial.
    const verdict = canTransition(older.status, newer.status);
    const why =
      doneSide === undefined
        ? verdict.ok
          ? undefined
          : `as the newer move, though ${verdict.reason}`
        : doneSide.status === "done"
          ? "because done is final"
          : older.status === "done"
            ? undefined // the rollback followed the merge the other side recorded
            : "because its merge was rolled back";
    if (why !== undefined) {
      conflicts.push(
        `${id}: both sides moved the task: ours to ${ours.status} (last at ${lastAt(ours) ?? "never"}), ` +
          `theirs to ${theirs.status} (last at ${lastAt(theirs) ?? "never"}); kept ${newer.status} ${why}`,
      );
    }
  }
  merged.history = mergeHistory(newer, older);

  const checked = checkEntry(merged);
  if (checked.ok) return { entry: checked.entry, conflicts };
  conflicts.push(`${id}: the merged entry would be invalid (${checked.message}); kept ${sideName(newer)} as is`);
  return { entry: newer, conflicts };
}

/** Three-way merge of one task id; any of the three may be absent. */
export function mergeEntry(
  id: string,
  base: QueueEntry | undefined,
  ours: QueueEntry | undefined,
  theirs: QueueEntry | undefined,
): EntryMerge {
  const text = (entry: QueueEntry | undefined) => (entry === undefined ? undefined : stringifyEntry(entry));
  const [o, t, b] = [text(ours), text(theirs), text(base)];
  if (o === t || t === b) return { entry: ours, conflicts: [] };
  if (o === b) return { entry: theirs, conflicts: [] };
  if (ours === undefined || theirs === undefined) {
    const [kept, keptBy, removedBy] = ours === undefined ? [theirs, "theirs", "ours"] : [ours, "ours", "theirs"];
    return {
      entry: kept,
      conflicts: [`${id}: ${removedBy} removed the task while ${keptBy} changed it; kept ${keptBy} so nothing is lost`],
    };
  }
  return mergeChanged(id, base, ours, theirs);
}
