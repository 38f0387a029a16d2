import { cellText, pullLink, table, taskLink } from "../progress/progress-format.js";
import type { QueueEntry } from "../queue/index.js";
import { failingCheckText } from "./rollback-texts.js";

/**
 * The dashboard's "Rolled back" section: each task whose merge broke the default branch's
 * required CI, the failing check (linked), the merge and its revert. Shown only while such a task
 * is still blocked; empty otherwise.
 */
export function rollbackSection(repoUrl: string, entries: readonly QueueEntry[], limit: number): string[] {
  const rolledBack = entries.filter((entry) => entry.rollback && entry.status === "blocked");
  if (rolledBack.length === 0) return [];
  const rows = rolledBack.map((entry) => {
    const record = entry.rollback!;
    return [
      taskLink(repoUrl, entry),
      cellText(entry.title),
      failingCheckText(record),
      `${pullLink(repoUrl, record.pr)} as \`${record.merge_sha.slice(0, 7)}\``,
      record.revert_pr === null ? "not opened" : pullLink(repoUrl, record.revert_pr),
    ];
  });
  return [
    "## Rolled back",
    "",
    "The default branch's required CI failed on these merges by Autopilot: each task is blocked and its revert " +
      "waits for a person to merge it.",
    "",
    table(["Task", "Title", "Failed check", "Merge", "Revert"], rows, limit),
    "",
  ];
}
