import { compareTaskIds } from "./queue-entry.js";
import type { QueueEntry } from "./queue-entry.js";

/** A line that could not be read as an entry, kept byte for byte (without its line break). */
export interface InvalidQueueLine {
  kind: "invalid";
  raw: string;
  /** 1-based line in the text it was read from */
  line: number;
  message: string;
}

export type QueueItem = { kind: "entry"; entry: QueueEntry } | InvalidQueueLine;

/**
 * The queue file as ordered items. Order is canonical: invalid lines that came before any valid
 * entry stay at the top; every other invalid line stays attached after the valid entry that
 * preceded it in the file, and moves with that entry when entries are sorted by id. That is the
 * closest to "in place" that sorting allows, and it keeps a broken line next to the task a reader
 * would expect it to belong to.
 */
export interface QueueDocument {
  readonly items: readonly QueueItem[];
}

interface ItemGroup {
  entry: QueueEntry;
  items: QueueItem[];
}

/** Sorts entry groups by task id (stable), keeping the leading invalid lines first. */
export function normalizeItems(items: readonly QueueItem[]): QueueItem[] {
  const leading: QueueItem[] = [];
  const groups: ItemGroup[] = [];
  for (const item of items) {
    if (item.kind === "entry") groups.push({ entry: item.entry, items: [item] });
    else (groups[groups.length - 1]?.items ?? leading).push(item);
  }
  groups.sort((a, b) => compareTaskIds(a.entry.id, b.entry.id));
  return [...leading, ...groups.flatMap((group) => group.items)];
}

/** Valid entries, sorted by task id. */
export const listEntries = (doc: QueueDocument): QueueEntry[] =>
  doc.items.flatMap((item) => (item.kind === "entry" ? [item.entry] : []));

export const getEntry = (doc: QueueDocument, taskId: string): QueueEntry | undefined =>
  listEntries(doc).find((entry) => entry.id === taskId);

/** A new document with the entry replaced (same id) or added in its sorted place. */
export function putEntry(doc: QueueDocument, entry: QueueEntry): QueueDocument {
  let replaced = false;
  const items = doc.items.map((item): QueueItem => {
    if (item.kind !== "entry" || item.entry.id !== entry.id) return item;
    replaced = true;
    return { kind: "entry", entry };
  });
  if (!replaced) items.push({ kind: "entry", entry });
  return { items: normalizeItems(items) };
}
