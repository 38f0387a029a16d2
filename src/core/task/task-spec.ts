import { z } from "zod";
import { findPatternProblem } from "../scope/index.js";

/** Risk levels, lowest first. */
export const riskLevels = ["low", "medium", "high", "critical"] as const;
export const riskSchema = z.enum(riskLevels);
export type Risk = z.infer<typeof riskSchema>;

/** Autopilot modes: `full` may merge by policy, `review_only` always waits for a human, `disabled` never merges. */
export const autopilotModes = ["full", "review_only", "disabled"] as const;
export const modeSchema = z.enum(autopilotModes);
export type Mode = z.infer<typeof modeSchema>;

/** Blueprint / WBS ids: NT-0012, TD-0103, WBS-003. */
export const specRefPattern = /^(NT|TD|WBS)-\d+$/;
export const specRefSchema = z.string().regex(specRefPattern, "must look like NT-0012, TD-0103 or WBS-003");

/** A work item of the plan (`ops/por.json`) by its WBS id: `1`, `1.2`, `2.10.3` (at most six levels). */
export const workItemIdPattern = /^[1-9]\d{0,3}(\.(0|[1-9]\d{0,3})){0,5}$/;
export const workItemIdSchema = z
  .string()
  .regex(workItemIdPattern, 'must be a WBS id such as "1.2" (numbers separated by dots, no leading zeros)');

/** The spec's `item`: text, since YAML reads `1.2` as a number and `1.10` as 1.1 (the question says so). */
const specItemSchema = z
  .string()
  .regex(workItemIdPattern, 'must be a WBS id of ops/por.json such as "1.2" (numbers separated by dots)');

export const budgetSchema = z
  .object({
    files: z.number().int().positive().optional(),
    lines: z.number().int().positive().optional(),
  })
  .strict();
export type Budget = z.infer<typeof budgetSchema>;

/** A path glob, checked by the rules the scope gate applies, so the owner hears of a bad one before dispatch. */
const globSchema = z
  .string()
  .trim()
  .min(1, "a glob may not be empty")
  .superRefine((pattern, ctx) => {
    const problem = findPatternProblem(pattern);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  });

/** The task spec an owner writes in an issue (fenced ```autopilot block or issue-form sections). */
export const taskSpecSchema = z
  .object({
    scope: z.array(globSchema).min(1, "name at least one path glob the agent may write"),
    forbidden: z.array(globSchema).default([]),
    risk: riskSchema,
    mode: modeSchema.default("full"),
    refs: z.array(specRefSchema).default([]),
    item: specItemSchema.optional(),
    budget: budgetSchema.optional(),
    acceptance: z.array(z.string().trim().min(1)).min(1, "list at least one checkable acceptance criterion"),
    tests: z.array(z.string().trim().min(1)).default([]),
  })
  .strict();
export type TaskSpec = z.output<typeof taskSpecSchema>;
export type TaskSpecInput = z.input<typeof taskSpecSchema>;

/** `T-<n>` where n is the issue number. */
export const taskIdPattern = /^T-[1-9]\d*$/;
export const taskIdSchema = z.string().regex(taskIdPattern, "must look like T-42");
export const taskIdFor = (issue: number): string => `T-${issue}`;

/**
 * The spec fields the queue records for a task, in the order a change lists them. `acceptance` and
 * `tests` count once an entry records them (older entries do not).
 */
export const recordedSpecFields = [
  "risk",
  "scope",
  "forbidden",
  "mode",
  "budget",
  "refs",
  "item",
  "acceptance",
  "tests",
] as const;
export type RecordedSpecField = (typeof recordedSpecFields)[number];

/** Front matter of `ops/tasks/T-<n>.md`: the spec plus where the task lives. */
export const taskFileFrontMatterSchema = taskSpecSchema.extend({
  id: taskIdSchema,
  issue: z.number().int().positive(),
  title: z.string(),
  branch: z.string().min(1),
});
export type TaskFileFrontMatter = z.output<typeof taskFileFrontMatterSchema>;
