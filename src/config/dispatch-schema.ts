import { z } from "zod";
import { durationSchema } from "./duration.js";

/** Placeholders a `workflow_dispatch` input template may use, written `{{name}}`. */
export const dispatchTemplateVariables = {
  task_id: "the task id, `T-<n>`",
  issue: "the issue number",
  title: "the issue title",
  branch: "the task branch",
  pr: "the draft PR number",
  task_file: "path of the task file on the task branch, `ops/tasks/T-<n>.md`",
  risk: "the task's risk level",
} as const;
export type DispatchTemplateVariable = keyof typeof dispatchTemplateVariables;

const placeholderPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Fills a dispatch template (`"{{task_id}} on {{branch}}"`); the schema has already refused unknown placeholders. */
export function renderDispatchTemplate(template: string, values: Record<DispatchTemplateVariable, string>): string {
  return template.replace(placeholderPattern, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name as DispatchTemplateVariable] : whole,
  );
}
const knownVariables = Object.keys(dispatchTemplateVariables);

const inputTemplateSchema = z
  .string()
  .max(1000, "an input template may be at most 1000 characters")
  .superRefine((template, ctx) => {
    for (const match of template.matchAll(placeholderPattern)) {
      const name = match[1] ?? "";
      if (knownVariables.includes(name)) continue;
      ctx.addIssue({
        code: "custom",
        message: `uses the unknown placeholder \`{{${name}}}\`; the known ones are ${knownVariables.map((v) => `\`{{${v}}}\``).join(", ")}`,
      });
    }
  });

const retriesSchema = z
  .object({
    attempts: z
      .number()
      .int("must be a whole number")
      .min(0, "may not be negative")
      .max(5, "may be at most 5: a run that fails five times needs an owner, not a sixth attempt")
      .default(1)
      .describe(
        "How often a failed, cancelled or timed-out run of the agent is re-run before the task is handed to the owner (0: never).",
      ),
    backoff: durationSchema
      .optional()
      .describe(
        "How long to wait before the first re-run, doubled for each later one (`10m`: 10 minutes, then 20). Absent: re-run at once. A re-run that is due is made by the next sweep.",
      ),
  })
  .strict()
  .default(() => ({ attempts: 1 }))
  .describe(
    "What happens when the agent's run fails: Autopilot follows only the runs it dispatched itself (`workflow_run` events, which need the `actions: read` permission), reports each failed run on the PR with the redacted tail of its log, re-runs it this often, then hands the task to the owner.",
  );

const workflowDispatchSchema = z
  .object({
    target: z.literal("workflow_dispatch").describe("Selects dispatch through `workflow_dispatch`."),
    workflow: z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? "is required with `target: workflow_dispatch`: name the workflow file in `.github/workflows/`, e.g. `agent.yml`"
            : undefined,
      })
      .regex(
        /^[\w.-]+\.ya?ml$/,
        "must be the file name of a workflow in `.github/workflows/`, e.g. `agent.yml` (no folder)",
      )
      .describe(
        "File name of the workflow in `.github/workflows/` that runs the agent, e.g. `agent.yml`. It must exist on the dispatched ref and declare `on: workflow_dispatch` with every input `inputs` sends; when GitHub refuses the start (404/422), the PR and the issue say what to fix, and an owner's `/retry` on the issue starts it again.",
      ),
    ref: z
      .string()
      .min(1, "the ref may not be empty")
      .regex(/^[^\s~^:?*[\\]+$/, "must be a branch or tag name")
      .optional()
      .describe(
        "Branch or tag whose copy of the workflow runs. Defaults to the default branch, so a task branch can never change the workflow that runs for it; pass the task branch through `inputs`.",
      ),
    inputs: z
      .record(
        z
          .string()
          .regex(
            /^[A-Za-z_][\w-]*$/,
            "workflow input names start with a letter or `_` and contain only letters, digits, `-` and `_`",
          ),
        inputTemplateSchema,
      )
      .optional()
      .describe(
        `Inputs passed to the workflow. Values are templates: ${Object.entries(dispatchTemplateVariables)
          .map(([name, meaning]) => `\`{{${name}}}\` ${meaning}`)
          .join(", ")}.`,
      ),
    retries: retriesSchema,
    stale_after: durationSchema
      .default("6h")
      .describe(
        "The agent's run counts as stale once the task shows no progress for this long (no push to its branch, no comment such as a heartbeat, no status change): the PR and the issue say so and the task moves to needs_owner, long before the general `stale_after`. A number and a unit: `90m`, `6h`, `1d`.",
      ),
  })
  .strict()
  .describe("Start a GitHub Actions workflow for each task.");

const mentionSchema = z
  .object({
    target: z.literal("mention").describe("Selects dispatch by mention."),
    handle: z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? "is required with `target: mention`: the account to mention, e.g. `@claude`"
            : undefined,
      })
      .regex(/^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[\w.-]+)?$/, {
        error: (issue) =>
          typeof issue.input === "string" && !issue.input.startsWith("@")
            ? `must start with \`@\`, e.g. \`@${issue.input}\``
            : "must be an `@login` or `@org/team`, e.g. `@claude`",
      })
      .describe(
        "Account or team mentioned in the draft PR to start the agent, e.g. `@claude`. The mention comes from the app's bot: claude-code-action answers it only when its `allowed_bots` input lists the app's bot login; OpenHands' resolver answers only owners, members and collaborators; Copilot's coding agent is started by an assignment made with a user token, not by a mention from an app. `workflow_dispatch` works with any agent that runs in GitHub Actions.",
      ),
  })
  .strict()
  .describe("Mention a coding agent in the draft PR.");

const noDispatchSchema = z
  .object({ target: z.literal("none").describe("Selects no dispatch.") })
  .strict()
  .describe("Do not start any agent: someone pushes to the task branch by hand or with their own tooling.");

export const dispatchTargets = ["workflow_dispatch", "mention", "none"] as const;

export const dispatchSchema = z
  .discriminatedUnion("target", [workflowDispatchSchema, mentionSchema, noDispatchSchema])
  .default(() => ({ target: "none" as const }))
  .describe(
    "How Autopilot starts the coding agent once the task branch and draft PR exist. `target` picks the way: `workflow_dispatch`, `mention` or `none`.",
  );
