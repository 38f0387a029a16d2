import { listEntries } from "../queue/queue-document.js";
import type { QueueDocument } from "../queue/queue-document.js";
import type { QueueEntry, QueueHistoryItem } from "../queue/queue-entry.js";
import { formatMinute, lastMove } from "./progress-format.js";

/** How the stale sweeper's moves start their reason, so they can be told from an owner's. */
export const staleReasonPrefix = "stale:";

export const isStaleMove = (item: Pick<QueueHistoryItem, "to" | "reason"> | undefined): boolean =>
  item?.to === "needs_owner" && item.reason.startsWith(staleReasonPrefix);

/** A task the stale sweeper moved to needs_owner and nobody has picked up since. */
export const isStaleHeld = (entry: QueueEntry | undefined): boolean =>
  entry?.status === "needs_owner" && isStaleMove(lastMove(entry));

export const stuckTasks = (queue: QueueDocument): string[] =>
  listEntries(queue)
    .filter(isStaleHeld)
    .map((entry) => entry.id);

/** The latest of the given times; unparseable or missing ones are skipped. */
export function latestTime(times: readonly (string | Date | null | undefined)[]): Date | undefined {
  let latest: number | undefined;
  for (const time of times) {
    const ms = time instanceof Date ? time.getTime() : time ? Date.parse(time) : Number.NaN;
    if (!Number.isNaN(ms) && (latest === undefined || ms > latest)) latest = ms;
  }
  return latest === undefined ? undefined : new Date(latest);
}

/** Stale when at least `staleAfterMs` passed since the last activity (a task without any known activity is not judged). */
export const isStale = (lastActivity: Date | undefined, now: Date, staleAfterMs: number): boolean =>
  lastActivity !== undefined && now.getTime() - lastActivity.getTime() >= staleAfterMs;

/** The queue reason of the sweeper's move. */
export const staleMoveReason = (lastActivity: Date, staleAfter: string): string =>
  `${staleReasonPrefix} no activity since ${formatMinute(lastActivity)} (stale_after: ${staleAfter})`;

/**
 * The comment on the task's issue, written from the queue's record of the move (not from the
 * time of the sweep), so posting it again gives the same text.
 */
export function staleComment(
  entry: Pick<QueueEntry, "id" | "branch">,
  move: Pick<QueueHistoryItem, "reason" | "at">,
  labels: { in_progress: string },
): string {
  const detail = move.reason.slice(staleReasonPrefix.length).trim();
  const branch = entry.branch ? ` to \`${entry.branch}\`` : "";
  return [
    `**${entry.id} looks stale**: ${detail}. No push${branch}, no comment and no status change for that long, so Autopilot moved it to \`needs_owner\` on ${formatMinute(move.at)} and stopped waiting for it.`,
    "",
    `To resume it, put the \`${labels.in_progress}\` label back on this issue; to drop it, close the issue.`,
  ].join("\n");
}
