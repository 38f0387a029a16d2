import { z } from "zod";
import { evenWithOtherIssues, labelNameSchema, withSectionDefault } from "./common-schemas.js";

const label = (fallback: string, description: string) => labelNameSchema.default(fallback).describe(description);

const stateLabelKeys = ["trigger", "queued", "in_progress", "review", "done", "blocked", "needs_owner"] as const;

const labelsObjectSchema = z
  .object({
    trigger: label("autopilot", "Adding this label to an issue hands it to Autopilot."),
    queued: label("autopilot:queued", "State label: the task is accepted and waits for a free slot."),
    in_progress: label(
      "autopilot:in-progress",
      "State label: a task branch and draft PR exist and the agent is working.",
    ),
    review: label("autopilot:review", "State label: the PR is ready and under review."),
    done: label("autopilot:done", "State label: the PR is merged and the task closed."),
    blocked: label("autopilot:blocked", "State label: a gate, a reviewer or a human stopped the task."),
    needs_owner: label(
      "autopilot:needs-owner",
      "State label: the task spec is incomplete and an owner must answer questions in the thread.",
    ),
    risk_prefix: z
      .string()
      .min(1, "the risk label prefix may not be empty")
      .max(40, "keep the prefix at most 40 characters so `<prefix>critical` fits GitHub's 50")
      .regex(/^[^,]*$/, "label names may not contain commas: GitHub's label filters split on them")
      .default("risk:")
      .describe("Prefix of the risk labels: `<prefix>low`, `<prefix>medium`, `<prefix>high`, `<prefix>critical`."),
  })
  .strict()
  .superRefine((labels, ctx) => {
    // Two states sharing one label would make the state of an issue ambiguous to reconcile().
    const seen = new Map<string, string>();
    for (const key of stateLabelKeys) {
      const name = labels[key];
      if (typeof name !== "string") continue;
      const earlier = seen.get(name.toLowerCase());
      if (earlier !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `uses the same label \`${name}\` as \`labels.${earlier}\`; every state needs its own label (GitHub compares label names case-insensitively)`,
        });
      } else {
        seen.set(name.toLowerCase(), key);
      }
    }
  }, evenWithOtherIssues);

export const labelsSchema = withSectionDefault(labelsObjectSchema).describe(
  "Label names Autopilot reads and writes. They are created on first use.",
);
