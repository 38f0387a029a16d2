import { listEntries, parseQueue } from "../queue/index.js";
import type { ScopeLock } from "../scope/index.js";

/**
 * The locks another task holds: the scopes of the in-progress tasks in the default branch's
 * `ops/queue.jsonl`, except the task being checked. Locks are not separate files; a line the
 * queue parser cannot read holds no lock (the queue check reports it).
 */
export function locksFromQueue(queueText: string, taskId: string): ScopeLock[] {
  return listEntries(parseQueue(queueText).doc)
    .filter((entry) => entry.status === "in_progress" && entry.id !== taskId)
    .map((entry) => ({ taskId: entry.id, scope: entry.scope }));
}
