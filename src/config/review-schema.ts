import { z } from "zod";
import { countSchema, withSectionDefault } from "./common-schemas.js";

/** `scripted` answers from canned fixtures; it exists for the sandbox and tests. */
export const llmProviders = ["anthropic", "openai", "scripted"] as const;
export type LlmProvider = (typeof llmProviders)[number];

/**
 * The model used when a role names a provider but no model. Keyed by provider so that switching
 * a role to another vendor never leaves it pointing at the previous vendor's model.
 */
export const defaultModels: Readonly<Record<LlmProvider, string>> = {
  anthropic: "claude-sonnet-4-6",
  openai: "gpt-5",
  scripted: "scripted",
};

const modelNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][\w.:/-]*$/, "must be a model name such as `claude-sonnet-4-6` or `gpt-5` (no spaces)");

const roleSchema = (provider: LlmProvider, role: string) => {
  const described = Object.entries(defaultModels)
    .map(([name, model]) => `\`${model}\` for ${name}`)
    .join(", ");
  const objectSchema = z
    .object({
      provider: z
        .enum(llmProviders)
        .default(provider)
        .describe(`Model vendor for the ${role}: \`anthropic\`, \`openai\`, or \`scripted\` (canned answers, for the sandbox and tests).`),
      model: modelNameSchema
        .optional()
        .describe(`Model name as the vendor's API spells it. Default depends on the provider: ${described}.`),
    })
    .strict()
    .transform((value) => ({ provider: value.provider, model: value.model ?? defaultModels[value.provider] }));
  return objectSchema.default(() => objectSchema.parse({}));
};

const priceSchema = z
  .object({
    input: z.number().min(0).describe("USD per million input tokens."),
    output: z.number().min(0).describe("USD per million output tokens."),
  })
  .strict();

const reviewObjectSchema = z
  .object({
    enabled: z
      .boolean()
      .default(true)
      .describe("Run the two-model review on task PRs. When false, `autopilot/review` is not reported and merge policy relies on gates and humans."),
    on_non_task_prs: z
      .enum(["command", "always", "never"])
      .default("command")
      .describe("Review pull requests that are not Autopilot tasks: `command` only when someone comments `/review`, `always` on every ready PR, `never`."),
    assistant_manager: roleSchema("anthropic", "red-team reviewer").describe(
      "The red-team reviewer: risks, missing deliverables, test gaps, follow-ups.",
    ),
    manager: roleSchema("openai", "deciding reviewer").describe(
      "The deciding reviewer: accept, partial, reject or blocked. Use a different vendor than the assistant manager so the two do not share blind spots.",
    ),
    max_input_tokens: countSchema(1000)
      .default(120_000)
      .describe("Most input tokens sent per model call; files beyond it are skipped and the review says so."),
    max_output_tokens: countSchema(256)
      .default(8_000)
      .describe("Most output tokens a model may produce per call."),
    max_cost_usd: z
      .number()
      .positive()
      .default(2)
      .describe("Most estimated cost in USD of one review (all calls); a review that would exceed it stops and reports incomplete."),
    prices: z
      .record(modelNameSchema, priceSchema)
      .optional()
      .describe("USD prices per million tokens by model name, used for cost estimates and `max_cost_usd`, e.g. `{ gpt-5: { input: 1.25, output: 10 } }`. The default models (claude-sonnet-4-6, gpt-5) have built-in prices; entries here override them. A model priced nowhere is estimated at 0, so the cost cap cannot stop it."),
    timeout_ms: countSchema(1000)
      .max(600_000, "keep a single model call under 10 minutes (600000 ms)")
      .default(120_000)
      .describe("Timeout of one model call in milliseconds."),
    retries: countSchema(0)
      .max(5, "at most 5 retries: beyond that the provider is down, and the review should say so")
      .default(2)
      .describe("Retries of a failed or malformed model call before the review is reported incomplete."),
  })
  .strict();

export const reviewSchema = withSectionDefault(reviewObjectSchema).describe(
  "The two-model review that ends in the `autopilot/review` check run.",
);
