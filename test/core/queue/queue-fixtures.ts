import type { QueueEntry, QueueHistoryItem, QueueStatus } from "../../../src/core/queue/index.js";

/** A creation item plus one move per status in `path`, a minute apart, each with its own delivery. */
export function historyThrough(
  path: readonly QueueStatus[],
  start = Date.parse("2025-05-01T10:00:00.000Z"),
): QueueHistoryItem[] {
  return path.map((to, index) => ({
    from: index === 0 ? null : (path[index - 1] as QueueStatus),
    to,
    actor: index === 0 ? "mona" : "autopilot[bot]",
    reason: index === 0 ? "labeled autopilot" : `moved to ${to}`,
    delivery: `delivery-${index}`,
    at: new Date(start + index * 60_000).toISOString(),
  }));
}

/** A valid entry for issue n whose history walks `path`; the last status is the entry's status. */
export function entryFor(
  issue: number,
  path: readonly QueueStatus[] = ["queued"],
  overrides: Partial<QueueEntry> = {},
): QueueEntry {
  return {
    id: `T-${issue}`,
    issue,
    title: `Task ${issue}`,
    status: path[path.length - 1] as QueueStatus,
    branch: path.length > 1 ? `autopilot/T-${issue}-task` : null,
    pr: path.length > 1 ? 100 + issue : null,
    scope: [`src/t${issue}/**`],
    forbidden: [],
    risk: "low",
    mode: "full",
    refs: [],
    history: historyThrough(path),
    ...overrides,
  };
}

export const lineFor = (...args: Parameters<typeof entryFor>): string => JSON.stringify(entryFor(...args));

export const fileOf = (...lines: string[]): string => lines.map((line) => `${line}\n`).join("");
