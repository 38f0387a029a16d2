import { z } from "zod";
import { taskIdSchema } from "../task/task-spec.js";

/** One line of `ops/model-decisions.jsonl`: one LLM call, what it cost and how it ended. */
export const modelDecisionSchema = z
  .object({
    task: taskIdSchema,
    role: z.enum(["assistant_manager", "manager", "tie_break", "ask"]),
    provider: z.enum(["anthropic", "openai", "scripted"]),
    model: z.string().min(1),
    head_sha: z
      .string()
      .regex(/^[0-9a-f]{40}$/)
      .optional(),
    tokens: z.object({
      input: z.number().int().nonnegative(),
      output: z.number().int().nonnegative(),
    }),
    cost_usd: z.number().nonnegative().describe("estimate from the configured per-model prices"),
    latency_ms: z.number().int().nonnegative(),
    outcome: z.enum(["ok", "repaired", "malformed", "error", "timeout", "over_budget"]),
    decision: z.enum(["accept", "partial", "reject", "blocked"]).optional(),
    at: z.iso.datetime(),
  })
  .loose();
export type ModelDecision = z.output<typeof modelDecisionSchema>;
