import { z } from "zod";
import {
  budgetSchema,
  modeSchema,
  riskSchema,
  specRefSchema,
  taskIdFor,
  taskIdSchema,
  workItemIdSchema,
} from "../task/task-spec.js";
import { orderKeys, setOwn, withUnknownFields } from "../jsonl/record-keys.js";
import { queueStatusSchema } from "./queue-status.js";

/*
 * No schema here transforms a value (no trim, no coercion): what a line says is what a rewrite
 * writes back, so a canonical file round-trips byte for byte.
 */

// Descriptions end up in the JSON Schema published for `ops/queue.jsonl`.
const historyItemShape = {
  from: queueStatusSchema.nullable().describe("status before the move; null for the item that created the task"),
  to: queueStatusSchema,
  actor: z.string().min(1).describe("GitHub login, autopilot[bot], or cli"),
  reason: z.string(),
  delivery: z
    .string()
    .min(1)
    .nullable()
    .describe("X-GitHub-Delivery id of the webhook that caused the move; null for CLI and sweeps"),
  at: z.iso.datetime({ offset: true }),
};

/** One status move in a task's history. Unknown fields are allowed and survive a rewrite. */
export const queueHistoryItemSchema = z.looseObject(historyItemShape);
/** Typed without the index signature of the loose schema so `Omit`/`Partial` keep the fields. */
export type QueueHistoryItem = z.output<z.ZodObject<typeof historyItemShape>>;

const rollbackShape = {
  merge_sha: z.string().regex(/^[0-9a-f]{40}$/, "a merge commit is a 40-character hex sha"),
  pr: z.number().int().positive().describe("the task's pull request whose merge is reverted"),
  check: z.string().min(1).describe("the required check that failed on the merge commit"),
  url: z.string().nullable().describe("the failing check's page, when it gave one"),
  reported_by: z.string().min(1).describe("the app (check run) or account (commit status) that reported the failure"),
  revert_pr: z
    .number()
    .int()
    .positive()
    .nullable()
    .describe("the revert pull request; null between recording the rollback and opening it"),
  at: z.iso.datetime({ offset: true }),
};

/** A task's rollback, recorded before its revert is opened (so only one writer ever opens it). */
const rollbackSchema = z.looseObject(rollbackShape);
export type RollbackRecord = z.output<z.ZodObject<typeof rollbackShape>>;

const mergeQueueShape = {
  head: z
    .string()
    .regex(/^[0-9a-f]{40}$/, "a head is a 40-character hex sha")
    .describe("the head Autopilot judged and put in the merge queue (`expectedHeadOid`)"),
  base: z.string().min(1).describe("the branch whose merge queue it is"),
  at: z.iso.datetime({ offset: true }),
  removed: z
    .looseObject({
      reason: z
        .string()
        .max(100)
        .nullable()
        .describe("GitHub's dequeue reason as its webhook said it (wording only; null when none was seen)"),
      at: z.iso.datetime({ offset: true }),
    })
    .optional()
    .describe(
      "set when Autopilot found this head out of the queue and not merged: it never enqueues it again by itself",
    ),
};

/** The head Autopilot put in its base's merge queue, recorded once GitHub accepted it. */
const mergeQueueSchema = z.looseObject(mergeQueueShape);
export type MergeQueueRecord = z.output<z.ZodObject<typeof mergeQueueShape>>;

const nonBlankGlob = z.string().regex(/\S/, "a glob may not be blank");

const entryShape = {
  id: taskIdSchema,
  issue: z.number().int().positive(),
  title: z.string(),
  status: queueStatusSchema,
  branch: z.string().min(1).nullable().default(null).describe("task branch once dispatched: autopilot/T-<n>-<slug>"),
  pr: z.number().int().positive().nullable().default(null).describe("number of the task's pull request"),
  scope: z
    .array(nonBlankGlob)
    .describe("where the agent may write; empty only while the task waits for its owner (needs_owner)"),
  forbidden: z.array(nonBlankGlob).default([]),
  budget: budgetSchema.optional(),
  risk: riskSchema,
  mode: modeSchema.default("full"),
  refs: z.array(specRefSchema).default([]),
  item: workItemIdSchema
    .optional()
    .describe("the work item of the plan (`ops/por.json`) the task delivers, as recorded at dispatch"),
  acceptance: z
    .array(z.string())
    .optional()
    .describe("the acceptance criteria as recorded at dispatch; absent on entries written before they were recorded"),
  tests: z.array(z.string()).optional().describe("the commands that prove the task, as recorded at dispatch"),
  dispatched_at: z.iso
    .datetime({ offset: true })
    .nullable()
    .optional()
    .describe(
      "when the coding agent was started for the task; absent until then, null when GitHub rate-limited the start (the next reconcile starts it)",
    ),
  start_refused: z
    .object({
      status: z.number().int(),
      at: z.iso.datetime({ offset: true }),
      dispatch: z.string().optional().describe("digest of the `dispatch:` configuration the start was refused under"),
      fix: z
        .string()
        .max(2000)
        .optional()
        .describe("what to change, as said on the PR and the issue (shown on the dashboard)"),
    })
    .nullable()
    .optional()
    .describe(
      "set when GitHub refused the agent's start for good (404, 422, a 403 that is no rate limit): `dispatched_at` stays, so no reconcile starts it again until `dispatch:` in the configuration changes or an owner comments `/retry`; the next start clears this",
    ),
  merge_sha: z
    .string()
    .regex(/^[0-9a-f]{40}$/, "a merge commit is a 40-character hex sha")
    .optional()
    .describe("the commit the task's pull request was merged as, recorded with the move to `done`"),
  merge_queue: mergeQueueSchema
    .optional()
    .describe(
      "set when Autopilot added the task's pull request to its base's merge queue (the base requires one): the head it judged, so it is enqueued once, and a queue merge of that head counts as Autopilot's",
    ),
  rollback: rollbackSchema
    .optional()
    .describe(
      "set when the default branch's required CI failed on the task's merge and Autopilot opened its revert: the task moved `done → blocked`, once",
    ),
  agent_run: z
    .object({
      id: z.number().int().positive().describe("the workflow run's id"),
      url: z.string().min(1).describe("the run's page on GitHub"),
      attempt: z
        .number()
        .int()
        .positive()
        .describe("the attempt Autopilot follows: 1, then one more for each re-run it made"),
      conclusion: z
        .string()
        .nullable()
        .describe("how the attempt ended, as GitHub says (`failure`, `cancelled`, ...); null while it runs"),
      retry_at: z.iso
        .datetime({ offset: true })
        .nullable()
        .optional()
        .describe("when the next re-run is due (the retry backoff); the sweep makes it"),
    })
    .nullable()
    .optional()
    .describe(
      "the coding agent's workflow run, as dispatched by Autopilot (`dispatch.target: workflow_dispatch`); only this run's `workflow_run` events count",
    ),
  history: z.array(queueHistoryItemSchema).default([]).describe("every status move, oldest first"),
};

/**
 * One line of `ops/queue.jsonl`. Loose: fields this version does not know are kept, so an older
 * replica never strips what a newer one wrote.
 */
export const queueEntrySchema = z.looseObject(entryShape).superRefine((entry, ctx) => {
  if (entry.scope.length === 0 && entry.status !== "needs_owner") {
    ctx.addIssue({ code: "custom", path: ["scope"], message: "name at least one path glob the agent may write" });
  }
  if (entry.id !== taskIdFor(entry.issue)) {
    ctx.addIssue({
      code: "custom",
      path: ["id"],
      message: `a task id is T-<issue number>: issue ${entry.issue} means ${taskIdFor(entry.issue)}, not ${entry.id}`,
    });
  }
});

/**
 * A parsed queue entry. Unknown fields are present at runtime (after the known ones, in their
 * original order) but not in the type, which keeps `Omit<QueueEntry, "history">` precise.
 */
export type QueueEntry = Omit<z.output<z.ZodObject<typeof entryShape>>, "history"> & {
  history: QueueHistoryItem[];
};

const entryKeys = Object.keys(entryShape);
const historyItemKeys = Object.keys(historyItemShape);

export const canonicalHistoryItem = (item: QueueHistoryItem): QueueHistoryItem =>
  orderKeys(item, historyItemKeys) as unknown as QueueHistoryItem;

/** A copy of the entry with the stable key order, its history items ordered the same way. */
export function canonicalEntry(entry: QueueEntry): QueueEntry {
  const ordered = orderKeys(entry, entryKeys);
  if (Array.isArray(entry.history)) setOwn(ordered, "history", entry.history.map(canonicalHistoryItem));
  return ordered as unknown as QueueEntry;
}

/** The single-line JSON form of an entry, as written to the file. */
export const stringifyEntry = (entry: QueueEntry): string => JSON.stringify(canonicalEntry(entry));

export type EntryCheck = { ok: true; entry: QueueEntry } | { ok: false; message: string };

const describePath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (text, key) => (typeof key === "number" ? `${text}[${key}]` : text === "" ? String(key) : `${text}.${String(key)}`),
    "",
  );

/** Every zod issue as `path: message`, joined, so one error line says everything to fix. */
export const describeIssues = (error: z.ZodError): string =>
  error.issues
    .map((issue) => (issue.path.length === 0 ? issue.message : `${describePath(issue.path)}: ${issue.message}`))
    .join("; ");

/** Validates a decoded JSON value as a queue entry, keeping unknown fields in canonical order. */
export function checkEntry(value: unknown): EntryCheck {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const got = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    return { ok: false, message: `expected one JSON object per line, got ${got}` };
  }
  const result = queueEntrySchema.safeParse(value);
  if (!result.success) return { ok: false, message: describeIssues(result.error) };
  const raw = value as Record<string, unknown>;
  const entry = withUnknownFields(result.data, raw, entryKeys);
  const rawHistory = Array.isArray(raw.history) ? (raw.history as Record<string, unknown>[]) : [];
  setOwn(
    entry,
    "history",
    result.data.history.map((item, index) => withUnknownFields(item, rawHistory[index] ?? {}, historyItemKeys)),
  );
  return { ok: true, entry: canonicalEntry(entry as unknown as QueueEntry) };
}

/** Numeric order of task ids (T-2 before T-10); ids match `T-[1-9]\d*`, so length decides first. */
export function compareTaskIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
