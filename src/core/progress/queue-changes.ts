import { compareTaskIds } from "../queue/queue-entry.js";
import type { QueueEntry } from "../queue/queue-entry.js";
import { listEntries } from "../queue/queue-document.js";
import type { QueueDocument } from "../queue/queue-document.js";
import type { QueueStatus } from "../queue/queue-status.js";

export type QueueChange =
  | { kind: "added"; entry: QueueEntry }
  | { kind: "moved"; entry: QueueEntry; from: QueueStatus }
  | { kind: "removed"; entry: QueueEntry };

/**
 * What differs between the queue at the last dashboard refresh and now, by task id: tasks that
 * appeared, tasks whose status changed (a task that left and came back to the same status in
 * between shows no change: the dashboard describes states, the history keeps every move), and
 * tasks that are gone (someone edited the queue file by hand).
 */
export function queueChanges(previous: QueueDocument, current: QueueDocument): QueueChange[] {
  const before = new Map(listEntries(previous).map((entry) => [entry.id, entry]));
  const after = new Map(listEntries(current).map((entry) => [entry.id, entry]));
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort(compareTaskIds);
  return ids.flatMap((id): QueueChange[] => {
    const old = before.get(id);
    const now = after.get(id);
    if (now === undefined) return old === undefined ? [] : [{ kind: "removed", entry: old }];
    if (old === undefined) return [{ kind: "added", entry: now }];
    return old.status === now.status ? [] : [{ kind: "moved", entry: now, from: old.status }];
  });
}
