import type { QueueEntry } from "./queue-entry.js";

/**
 * Whether a writer's queue commit may claim a side effect the queue records in `field` (the agent's
 * start in `dispatched_at`): only while the field still holds what the writer saw when it decided
 * (absent counts as null). Applied inside the compare-and-swap commit, it lets exactly one of two
 * replicas make the claim: the other re-reads the field as set and makes nothing, so only the
 * writer whose commit set the field performs the side effect.
 */
export function mayClaim(entry: QueueEntry | undefined, field: keyof QueueEntry, seen: unknown): boolean {
  if (!entry) return false;
  const current = (entry as unknown as Record<string, unknown>)[field] ?? null;
  return JSON.stringify(current) === JSON.stringify(seen ?? null);
}
