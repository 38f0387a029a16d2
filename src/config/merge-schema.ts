import { z } from "zod";
import type { Mode, Risk } from "../core/task/task-spec.js";
import { countSchema, evenWithOtherIssues, withSectionDefault } from "./common-schemas.js";

/** How GitHub merges a pull request (`PUT /pulls/{n}/merge`'s `merge_method`). */
export type MergeMethod = "merge" | "squash" | "rebase";

/** The order an unset `merge.method` tries them in: the first the repository allows is used. */
export const preferredMergeMethods: readonly MergeMethod[] = ["squash", "merge", "rebase"];

/** What the merge policy does with a PR whose gates and review passed. */
export const mergeDecisions = ["auto", "approval", "never"] as const;
export type MergeDecision = (typeof mergeDecisions)[number];

/** `disabled` never merges on its own, so its cells leave `auto` out of the type itself. */
export type DisabledModeDecision = Exclude<MergeDecision, "auto">;

interface PolicyRowDefaults {
  full: MergeDecision;
  review_only: MergeDecision;
  disabled: DisabledModeDecision;
}

/** Safe defaults: only low and medium risk merge on their own, and only in `full` mode. */
export const defaultMergePolicy: Readonly<Record<Risk, Readonly<PolicyRowDefaults>>> = {
  low: { full: "auto", review_only: "approval", disabled: "never" },
  medium: { full: "auto", review_only: "approval", disabled: "never" },
  high: { full: "approval", review_only: "approval", disabled: "never" },
  critical: { full: "approval", review_only: "approval", disabled: "never" },
};

const decisionWords =
  "`auto` (merge when gates, review and required checks pass), `approval` (also wait for human approvals) or `never`";

const cellDescription = (risk: Risk, mode: Mode): string => {
  let limit = "";
  if (mode === "disabled") limit = " `auto` is never allowed here.";
  else if (risk === "critical") limit = " `auto` needs `merge.allow_auto_critical: true`.";
  return `${risk}-risk task in mode \`${mode}\`: ${decisionWords}.${limit}`;
};

// Leaving `auto` out of the enum also makes the JSON Schema, and so editors, refuse it.
const disabledDecisionSchema = z.enum(["approval", "never"], {
  error: (issue) =>
    issue.input === "auto"
      ? "`auto` is not allowed for mode `disabled`: a disabled task must never merge on its own; use `never` or `approval`"
      : undefined,
});

const policyRow = (risk: Risk) => {
  const defaults = defaultMergePolicy[risk];
  const row = z
    .object({
      full: z.enum(mergeDecisions).default(defaults.full).describe(cellDescription(risk, "full")),
      review_only: z.enum(mergeDecisions).default(defaults.review_only).describe(cellDescription(risk, "review_only")),
      disabled: disabledDecisionSchema.default(defaults.disabled).describe(cellDescription(risk, "disabled")),
    })
    .strict();
  return withSectionDefault(row).describe(`What happens to the PR of a ${risk}-risk task, by mode.`);
};

const policyObjectSchema = z
  .object({
    low: policyRow("low"),
    medium: policyRow("medium"),
    high: policyRow("high"),
    critical: policyRow("critical"),
  })
  .strict();

const checkNameSchema = z
  .string()
  .min(1, "a check name may not be empty")
  .regex(
    /^(?!autopilot\/)/,
    "Autopilot's own `autopilot/*` checks are always required; list only external CI checks here",
  );

/** A GitHub App's slug, as in `https://github.com/apps/<slug>`. */
const appSlugSchema = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*$/,
    "is not a GitHub App slug: lower-case letters, digits and single hyphens, as in github.com/apps/<slug>",
  );

export const requiredCheckSchema = z.union([
  checkNameSchema.describe(
    "A check run (from any app) or a commit status (not posted by the change's own accounts) with this name.",
  ),
  z
    .object({
      name: checkNameSchema.describe("The check run's name."),
      app: appSlugSchema.describe(
        "The slug of the GitHub App whose check run counts (`github-actions` for Actions workflows); runs by other apps and commit statuses of the same name do not.",
      ),
    })
    .strict()
    .describe("A check pinned to its source, as GitHub's rulesets pin a required check to an app."),
]);

/** A list of required checks, each named once (`merge.required_checks`, `readiness.required_checks`). */
export const requiredCheckListSchema = () =>
  z
    .array(requiredCheckSchema)
    .default(() => [])
    .superRefine((checks, ctx) => {
      const seen = new Set<string>();
      for (const [index, check] of checks.entries()) {
        const name = typeof check === "string" ? check : check.name;
        if (seen.has(name))
          ctx.addIssue({
            code: "custom",
            path: [index],
            message: `\`${name}\` is listed twice; list each check once`,
          });
        seen.add(name);
      }
    });

const mergeObjectSchema = z
  .object({
    method: z
      .enum(["merge", "squash", "rebase"])
      .optional()
      .describe(
        "How Autopilot merges a task PR: `merge`, `squash` or `rebase`. Unset: the first of `squash`, `merge`, `rebase` that the repository's settings and the base's rules allow. Set: only that method; when the repository does not allow it, Autopilot asks an owner and merges no other way.",
      ),
    policy: withSectionDefault(policyObjectSchema).describe(
      "Risk × mode table: for each risk level (`low`, `medium`, `high`, `critical`) and mode (`full`, `review_only`, `disabled`), one of `auto`, `approval`, `never`. Cells you leave out keep their defaults.",
    ),
    allow_auto_critical: z
      .boolean()
      .default(false)
      .describe(
        "Permit `auto` in the `critical` row. Off by default: a critical change should have a human look at it.",
      ),
    required_approvals: countSchema(1)
      .max(10)
      .default(1)
      .describe("Approving reviews (from users with write access or listed owners) that `approval` waits for."),
    required_checks: requiredCheckListSchema().describe(
      "External CI that must succeed on the head commit before any merge. A name counts a check run from any app, or a commit status unless one of the change's own accounts (its author, committers, `agent_accounts`) posted it; `{ name, app }` counts only a check run from that app (a commit status never satisfies a pinned check, since GitHub does not record which app posted it).",
    ),
    delete_branch: z.boolean().default(true).describe("Delete the task branch after the merge."),
    rollback: z
      .boolean()
      .default(true)
      .describe(
        "When one of `required_checks` fails on the default branch at a commit Autopilot merged a task as (and GitHub says the app merged it), open a revert pull request, reopen the task's issue and block the task, once. A person's merge is never reverted; the revert is never merged by Autopilot.",
      ),
  })
  .strict()
  .superRefine((merge, ctx) => {
    if (merge.allow_auto_critical === true) return;
    const critical: unknown = merge.policy?.critical;
    if (typeof critical !== "object" || critical === null) return;
    for (const [mode, decision] of Object.entries(critical)) {
      if (decision !== "auto" || mode === "disabled") continue;
      ctx.addIssue({
        code: "custom",
        path: ["policy", "critical", mode],
        message:
          "`auto` would merge critical-risk changes with no human looking at them; use `approval` or `never`, or set `merge.allow_auto_critical: true` if that is really what you want",
      });
    }
  }, evenWithOtherIssues);

export const mergeSchema = withSectionDefault(mergeObjectSchema).describe("When and how Autopilot merges a task PR.");
