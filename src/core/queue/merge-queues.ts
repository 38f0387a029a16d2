import { compareTaskIds } from "./queue-entry.js";
import type { QueueEntry } from "./queue-entry.js";
import type { InvalidQueueLine, QueueDocument, QueueItem } from "./queue-document.js";
import { listEntries } from "./queue-document.js";
import { mergeEntry } from "./merge-entry.js";
import { parseQueue } from "./parse-queue.js";
import { serializeQueue } from "./serialize-queue.js";

interface PlacedLine {
  line: InvalidQueueLine;
  /** id of the entry the line follows; undefined for lines above every entry */
  anchor: string | undefined;
}

const placedInvalidLines = (doc: QueueDocument): PlacedLine[] => {
  let anchor: string | undefined;
  const placed: PlacedLine[] = [];
  for (const item of doc.items) {
    if (item.kind === "entry") anchor = item.entry.id;
    else placed.push({ line: item, anchor });
  }
  return placed;
};

const countByRaw = (lines: readonly PlacedLine[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const { line } of lines) counts.set(line.raw, (counts.get(line.raw) ?? 0) + 1);
  return counts;
};

/**
 * Invalid lines merge three-way as a multiset of raw texts: a line either side added is kept, a
 * line both kept is kept once, and a line one side deleted (fixed it, or removed it by hand) goes.
 */
function mergeInvalidLines(base: PlacedLine[], ours: PlacedLine[], theirs: PlacedLine[]): PlacedLine[] {
  const [b, o, t] = [countByRaw(base), countByRaw(ours), countByRaw(theirs)];
  const emitted = new Map<string, number>();
  const merged: PlacedLine[] = [];
  for (const placed of [...ours, ...theirs]) {
    const raw = placed.line.raw;
    const [cb, co, ct] = [b.get(raw) ?? 0, o.get(raw) ?? 0, t.get(raw) ?? 0];
    const wanted = co === cb ? ct : ct === cb ? co : Math.max(co, ct);
    const done = emitted.get(raw) ?? 0;
    if (done >= wanted) continue;
    emitted.set(raw, done + 1);
    merged.push(placed);
  }
  return merged;
}

/** The entry a line should follow in the merged file: its own anchor, or the nearest id before it. */
function resolveAnchor(anchor: string | undefined, ids: readonly string[]): string | undefined {
  if (anchor === undefined || ids.includes(anchor)) return anchor;
  return ids.filter((id) => compareTaskIds(id, anchor) < 0).at(-1);
}

const byId = (doc: QueueDocument): Map<string, QueueEntry> =>
  new Map(listEntries(doc).map((entry) => [entry.id, entry]));

/**
 * Three-way merge of `ops/queue.jsonl` by task id, for the retry after a lost compare-and-swap:
 * `base` is the text the write started from, `ours` the text it tried to commit, `theirs` what
 * the default branch holds now. Tasks changed on one side take that side; tasks added on either
 * side are kept; a task changed on both sides is merged by `mergeEntry`. Conflicts are reported
 * as sentences naming the task. The merged text is always produced; it drops a task or an
 * invalid line only when one side removed it and the other left it untouched.
 */
export function mergeQueues(base: string, ours: string, theirs: string): { text: string; conflicts: string[] } {
  const [baseDoc, oursDoc, theirsDoc] = [base, ours, theirs].map((text) => parseQueue(text).doc) as [
    QueueDocument,
    QueueDocument,
    QueueDocument,
  ];
  const [b, o, t] = [byId(baseDoc), byId(oursDoc), byId(theirsDoc)];
  const ids = [...new Set([...b.keys(), ...o.keys(), ...t.keys()])].sort(compareTaskIds);

  const conflicts: string[] = [];
  const entries = new Map<string, QueueEntry>();
  for (const id of ids) {
    const merged = mergeEntry(id, b.get(id), o.get(id), t.get(id));
    conflicts.push(...merged.conflicts);
    if (merged.entry !== undefined) entries.set(id, merged.entry);
  }

  const keptIds = [...entries.keys()];
  const invalid = mergeInvalidLines(
    placedInvalidLines(baseDoc),
    placedInvalidLines(oursDoc),
    placedInvalidLines(theirsDoc),
  );
  const following = (anchor: string | undefined): QueueItem[] =>
    invalid.filter((placed) => resolveAnchor(placed.anchor, keptIds) === anchor).map((placed) => placed.line);

  const items: QueueItem[] = [
    ...following(undefined),
    ...[...entries].flatMap(([id, entry]): QueueItem[] => [{ kind: "entry", entry }, ...following(id)]),
  ];
  return { text: serializeQueue({ items }), conflicts };
}
