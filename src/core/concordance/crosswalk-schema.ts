import { z } from "zod";
import { compareIds, comparePaths } from "./ref-id.js";

export const crosswalkStatuses = ["planned", "in_progress", "done"] as const;

/**
 * What implements one blueprint id. Unknown fields are kept: people annotate the crosswalk by
 * hand, and a rewrite by the app must not lose that.
 */
export const crosswalkEntrySchema = z.looseObject({
  tasks: z.array(z.string()).default([]),
  code: z.array(z.string()).default([]),
  tests: z.array(z.string()).default([]),
  status: z.enum(crosswalkStatuses).default("planned"),
});
export type CrosswalkEntry = z.output<typeof crosswalkEntrySchema>;

/** `docs/blueprints/crosswalk.json`: blueprint / WBS id → tasks, code paths, test paths, status. */
export const crosswalkSchema = z.looseObject({
  version: z.literal(1, { error: "only version 1 is supported" }).default(1),
  entries: z.record(z.string(), crosswalkEntrySchema).default({}),
});
export type Crosswalk = z.output<typeof crosswalkSchema>;

export const emptyCrosswalk = (): Crosswalk => ({ version: 1, entries: {} });

/** Sorted, duplicate-free arrays: the form the crosswalk is committed in. */
export function normalizeEntry(entry: CrosswalkEntry): CrosswalkEntry {
  return {
    ...entry,
    tasks: [...new Set(entry.tasks)].sort(compareIds),
    code: [...new Set(entry.code)].sort(comparePaths),
    tests: [...new Set(entry.tests)].sort(comparePaths),
  };
}
