import { stringifyEntry } from "./queue-entry.js";
import { normalizeItems } from "./queue-document.js";
import type { QueueDocument } from "./queue-document.js";

/**
 * The file text: entries sorted by id in the stable key order, invalid lines as they were read,
 * LF line breaks, one trailing newline, and "" for an empty queue. The same document always gives
 * the same bytes, so a commit touches only the lines of the tasks that changed.
 */
export function serializeQueue(doc: QueueDocument): string {
  const lines = normalizeItems(doc.items).map((item) =>
    item.kind === "entry" ? stringifyEntry(item.entry) : item.raw,
  );
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
