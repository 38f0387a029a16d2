import { markdownTable } from "../concordance/markdown-table.js";
import { inlineText } from "../markdown-text.js";
import type { QueueEntry, QueueHistoryItem } from "../queue/queue-entry.js";
import { queueStatuses } from "../queue/queue-status.js";
import type { QueueStatus } from "../queue/queue-status.js";

/**
 * Small formatting pieces shared by `docs/PROGRESS.md` and the dashboard issue. Titles, reasons
 * and logins come from issues and comments, so every such text goes through `cellText`: one
 * line, `|` escaped (it would split a table row), no HTML, no links, no @mentions (the dashboard
 * is an issue body, where a mention would notify someone on every refresh).
 */

export const cellText = (text: string, maxLength = 100): string => inlineText(text, maxLength);

/** `https://github.com/acme/widgets` without a trailing slash. */
export const repoBase = (repoUrl: string): string => repoUrl.replace(/\/+$/, "");

export const taskLink = (repoUrl: string, entry: Pick<QueueEntry, "id" | "issue">): string =>
  `[${entry.id}](${repoBase(repoUrl)}/issues/${entry.issue})`;

export const pullLink = (repoUrl: string, pr: number | null): string =>
  pr === null ? "—" : `[#${pr}](${repoBase(repoUrl)}/pull/${pr})`;

const parse = (at: string): Date | undefined => {
  const time = Date.parse(at);
  return Number.isNaN(time) ? undefined : new Date(time);
};

/** `2025-05-01`, in UTC so the file reads the same wherever it is generated. */
export const formatDay = (at: string): string => parse(at)?.toISOString().slice(0, 10) ?? cellText(at);

/** `2025-05-01 10:03 UTC` */
export const formatMinute = (at: string | Date): string => {
  const date = typeof at === "string" ? parse(at) : at;
  return date === undefined ? cellText(String(at)) : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
};

export const lastMove = (entry: QueueEntry): QueueHistoryItem | undefined => entry.history[entry.history.length - 1];

/** Tasks per status, every status present (zeros included), in the queue's status order. */
export function countByStatus(entries: readonly QueueEntry[]): Record<QueueStatus, number> {
  const counts = Object.fromEntries(queueStatuses.map((status) => [status, 0])) as Record<QueueStatus, number>;
  for (const entry of entries) counts[entry.status] += 1;
  return counts;
}

/** `in_progress → review`; a creation item reads `new → queued`. */
export const moveText = (item: Pick<QueueHistoryItem, "from" | "to">): string => `${item.from ?? "new"} → ${item.to}`;

/** A markdown table (rows already escaped); rows beyond `limit` are counted, not shown. */
export const table = (headers: readonly string[], rows: readonly (readonly string[])[], limit = Infinity): string =>
  markdownTable(headers, rows, limit);
