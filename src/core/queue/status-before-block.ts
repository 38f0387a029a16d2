import type { QueueEntry } from "./queue-entry.js";
import type { QueueStatus } from "./queue-status.js";

/** The status a blocked task returns to when its block lifts: where it was when it was blocked. */
export function statusBeforeBlock(entry: QueueEntry): QueueStatus {
  const blocked = [...entry.history].reverse().find((item) => item.to === "blocked");
  return blocked?.from && blocked.from !== "blocked" ? blocked.from : "in_progress";
}
