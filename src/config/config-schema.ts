import { z } from "zod";
import { githubLoginPattern, githubLoginSchema, repoPathSchema } from "./common-schemas.js";
import { concordanceSchema } from "./concordance-schema.js";
import { dispatchSchema } from "./dispatch-schema.js";
import { durationSchema } from "./duration.js";
import { labelsSchema } from "./labels-schema.js";
import { mergeSchema } from "./merge-schema.js";
import { readinessSchema } from "./readiness-schema.js";
import { reviewSchema } from "./review-schema.js";
import { secretsSchema } from "./secrets-schema.js";
import { taskDefaultsSchema } from "./task-defaults-schema.js";

/** A person's login or an app's bot login (`copilot-swe-agent[bot]`). */
const agentLoginSchema = z
  .string()
  .regex(new RegExp(`${githubLoginPattern.source.replace(/\$$/, "")}(?:\\[bot\\])?$`), {
    error: (issue) =>
      typeof issue.input === "string" && issue.input.startsWith("@")
        ? "write the login without the leading `@`"
        : "is not a GitHub login: 1–39 letters, digits or single hyphens, optionally followed by `[bot]`",
  });

/** Where the configuration lives in a repository. */
export const configFilePath = ".github/autopilot.yml";

/**
 * `.github/autopilot.yml`. Every key is optional: an empty or missing file gives the defaults.
 * This schema is the single description of the configuration; the JSON Schema and
 * `docs/configuration.md` are generated from it.
 */
export const configSchema = z
  .object({
    paused: z
      .boolean()
      .default(false)
      .describe(
        "Stop starting and merging tasks. Gates still report; `/resume` or setting this back to false continues.",
      ),
    dry_run: z
      .boolean()
      .default(false)
      .describe("Compute every action but only log the plan: no labels, comments, commits, dispatches or merges."),
    owners: z
      .array(githubLoginSchema)
      .default(() => [])
      .describe(
        "GitHub logins allowed to answer task questions, approve risky merges and use slash commands, each only while GitHub gives the account write, maintain or admin access (a login is bare text: GitHub releases a renamed or deleted account's login). Empty means every user with write access.",
      ),
    agent_accounts: z
      .array(agentLoginSchema)
      .default(() => [])
      .describe(
        "The accounts the coding agent works with (the account it pushes with, its bot). Like the authors and committers of a pull request's commits, they never count as approvers, and their commit statuses never satisfy `merge.required_checks`.",
      ),
    labels: labelsSchema,
    branch_prefix: z
      .string()
      .regex(
        /^(?![-/.])(?!.*(?:\.\.|\/\/|@\{|\/\.))[A-Za-z0-9._/-]{1,100}$/,
        "must be a valid start of a Git branch name: up to 100 letters, digits, `.`, `_`, `-` or `/`, not starting with `-`, `/` or `.`, no `..` or `//`",
      )
      .default("autopilot/")
      .describe("Task branches are named `<branch_prefix>T-<n>-<slug>`."),
    task_dir: repoPathSchema.default("ops/tasks").describe("Folder of the task files `T-<n>.md` on each task branch."),
    queue_file: repoPathSchema
      .default("ops/queue.jsonl")
      .describe("The task queue on the state branch (`state_branch`), one JSON object per line."),
    state_branch: z
      .string()
      .regex(
        /^(?![-/.])(?!.*(?:\.\.|\/\/|@\{|\/\.|\.lock$|\/$))[A-Za-z0-9._/-]{1,100}$/,
        "must be a valid Git branch name: up to 100 letters, digits, `.`, `_`, `-` or `/`, not starting with `-`, `/` or `.`, no `..` or `//`, not ending in `/` or `.lock`",
      )
      .default("autopilot/state")
      .describe(
        "The branch the app keeps its state on: the queue, `ops/decisions.jsonl`, `ops/model-decisions.jsonl` and a `/pause`. The app creates it on first use as a branch with only those files (so its commits start no CI) and carries the files over from the default branch once. Nothing in a task's life is pushed to the default branch: `docs/PROGRESS.md` and the crosswalk land through the app's records pull request. Set it to the default branch's name to keep everything there as before (only where the app may push to it).",
      ),
    stale_after: durationSchema
      .default("72h")
      .describe(
        "An in-progress task with no activity for this long (no push to its branch, no comment, no status change) gets a comment and moves to needs_owner. A number and a unit: `90m`, `72h`, `3d`.",
      ),
    defaults: taskDefaultsSchema,
    dispatch: dispatchSchema,
    secrets: secretsSchema,
    concordance: concordanceSchema,
    review: reviewSchema,
    merge: mergeSchema,
    readiness: readinessSchema,
    _extends: z
      .string()
      .regex(/^(?:[\w.-]+\/)?[\w.-]+(?::[^\s]+)?$/, "must be `repo`, `owner/repo` or `owner/repo:path/to/file.yml`")
      .optional()
      .describe(
        "Probot convention: inherit settings from another repository's `.github/autopilot.yml` (`repo`, `owner/repo` or `owner/repo:path`). Probot resolves it before Autopilot validates the result.",
      ),
  })
  .strict()
  .describe("Autopilot configuration, read from `.github/autopilot.yml` on the default branch.");

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

/** Section types, for modules that take only the part of the configuration they use. */
export type LabelsConfig = Config["labels"];
export type TaskDefaultsConfig = Config["defaults"];
export type DispatchConfig = Config["dispatch"];
export type SecretsConfig = Config["secrets"];
export type ConcordanceConfig = Config["concordance"];
export type ReviewConfig = Config["review"];
export type MergeConfig = Config["merge"];
export type MergePolicy = Config["merge"]["policy"];
export type ReadinessConfig = Config["readiness"];
