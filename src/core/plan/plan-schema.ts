import { z } from "zod";
import { specRefSchema, workItemIdSchema } from "../task/task-spec.js";

export { workItemIdPattern, workItemIdSchema } from "../task/task-spec.js";

/** Where the plan of record lives, on the default branch (written by people, reviewed in pull requests). */
export const planPath = "ops/por.json";

/** A phase id: `P1`, `phase-2`, `mvp` (letters, digits, `-`; shown in headings and anchors). */
export const phaseIdPattern = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;
export const phaseIdSchema = z
  .string()
  .regex(phaseIdPattern, 'must be letters, digits and "-" (at most 40), such as "P1"');

/** Limits that keep the rendered outline small enough for a pull request and a quick render. */
export const planLimits = { phases: 100, items: 2000, dependencies: 50, refs: 50, title: 200 } as const;

const titleSchema = z.string().trim().min(1, "give it a title").max(planLimits.title);

export const workItemSchema = z
  .object({
    id: workItemIdSchema,
    title: titleSchema,
    refs: z.array(specRefSchema).max(planLimits.refs).default([]),
    depends_on: z.array(workItemIdSchema).max(planLimits.dependencies).default([]),
  })
  .strict();
export type WorkItem = z.output<typeof workItemSchema>;

export const phaseSchema = z
  .object({
    id: phaseIdSchema,
    title: titleSchema,
    items: z.array(workItemIdSchema).min(1, "list the ids of the work items of this phase"),
  })
  .strict();
export type Phase = z.output<typeof phaseSchema>;

/**
 * `ops/por.json`, the plan of record: phases in order, each listing its work items by id, and
 * the work items with their blueprint refs and the items they depend on. Strict: a misspelt key
 * is reported rather than ignored, since nothing else would notice it.
 */
export const planSchema = z
  .object({
    version: z.literal(1, { error: "only version 1 is supported" }),
    title: titleSchema.optional(),
    phases: z.array(phaseSchema).min(1, "list at least one phase").max(planLimits.phases),
    items: z.array(workItemSchema).min(1, "list at least one work item").max(planLimits.items),
  })
  .strict();
export type Plan = z.output<typeof planSchema>;
