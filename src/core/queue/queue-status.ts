import { z } from "zod";

/** Where a task stands; the order is the happy path, then the two holding states. */
export const queueStatuses = ["queued", "in_progress", "review", "done", "blocked", "needs_owner"] as const;
export const queueStatusSchema = z.enum(queueStatuses);
export type QueueStatus = z.infer<typeof queueStatusSchema>;

export const isQueueStatus = (value: unknown): value is QueueStatus =>
  typeof value === "string" && (queueStatuses as readonly string[]).includes(value);
