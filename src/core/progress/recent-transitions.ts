import { compareTaskIds } from "../queue/queue-entry.js";
import type { QueueEntry, QueueHistoryItem } from "../queue/queue-entry.js";

export interface TaskTransition {
  entry: QueueEntry;
  item: QueueHistoryItem;
}

const timeOf = (item: QueueHistoryItem): number => {
  const time = Date.parse(item.at);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
};

/**
 * The `limit` most recent moves across all tasks, newest first. Ties (moves in the same
 * millisecond) are ordered by task id, then later-in-history first, so the output never depends
 * on the order the queue happened to be read in.
 */
export function recentTransitions(entries: readonly QueueEntry[], limit: number): TaskTransition[] {
  const all = entries.flatMap((entry) => entry.history.map((item, index) => ({ entry, item, index })));
  all.sort((a, b) => timeOf(b.item) - timeOf(a.item) || compareTaskIds(a.entry.id, b.entry.id) || b.index - a.index);
  return all.slice(0, Math.max(0, limit)).map(({ entry, item }) => ({ entry, item }));
}
