import { z } from "zod";
import { countSchema, globSchema, withSectionDefault } from "./common-schemas.js";
import { builtInPrices } from "./model-prices.js";

/** `scripted` answers from canned fixtures; it exists for the sandbox and tests. */
export const llmProviders = ["anthropic", "openai", "scripted"] as const;
export type LlmProvider = (typeof llmProviders)[number];

/**
 * The model used when a role names a provider but no model. Keyed by provider so that switching
 * a role to another vendor never leaves it pointing at the previous vendor's model.
 */
export const defaultModels: Readonly<Record<LlmProvider, string>> = {
  anthropic: "claude-sonnet-5-5",
  openai: "gpt-5.6-terra",
  scripted: "scripted",
};

/** How hard a reasoning model thinks before it answers: OpenAI's `reasoning_effort`, Anthropic's `output_config.effort`. */
export const reasoningEfforts = ["low", "medium", "high"] as const;
export type ReasoningEffort = (typeof reasoningEfforts)[number];

const modelNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][\w.:/-]*$/, "must be a model name such as `claude-sonnet-5-5` or `gpt-5.6-terra` (no spaces)");

const roleSchema = (provider: LlmProvider, role: string, effort: ReasoningEffort | undefined) => {
  const described = Object.entries(defaultModels)
    .map(([name, model]) => `\`${model}\` for ${name}`)
    .join(", ");
  const objectSchema = z
    .object({
      provider: z
        .enum(llmProviders)
        .default(provider)
        .describe(
          `Model vendor for the ${role}: \`anthropic\`, \`openai\`, or \`scripted\` (canned answers, for the sandbox and tests).`,
        ),
      model: modelNameSchema
        .optional()
        .describe(`Model name as the vendor's API spells it. Default depends on the provider: ${described}.`),
      effort: z
        .enum(reasoningEfforts)
        .optional()
        .describe(
          `How hard the model reasons before it answers (OpenAI \`reasoning_effort\`, Anthropic \`output_config.effort\`): \`low\`, \`medium\` or \`high\`. Reasoning tokens are billed as output. Default: ${effort ? `\`${effort}\`` : "the vendor's own"}${role === "deciding reviewer" ? "; it also applies to the tie-break and to `/ask`" : ""}.`,
        ),
    })
    .strict()
    .transform((value) => ({
      provider: value.provider,
      model: value.model ?? defaultModels[value.provider],
      ...((value.effort ?? effort) ? { effort: value.effort ?? effort } : {}),
    }));
  return objectSchema.default(() => objectSchema.parse({}));
};

const priceSchema = z
  .object({
    input: z.number().min(0).describe("USD per million input tokens."),
    output: z.number().min(0).describe("USD per million output tokens."),
    cached_input: z
      .number()
      .min(0)
      .optional()
      .describe("USD per million input tokens served from the prompt cache; default a tenth of `input`."),
    cache_write: z
      .number()
      .min(0)
      .optional()
      .describe("USD per million input tokens written to the prompt cache; default 1.25 × `input`."),
  })
  .strict();

const reviewObjectSchema = z
  .object({
    enabled: z
      .boolean()
      .default(true)
      .describe(
        "Run the two-model review on task PRs. When false, `autopilot/review` is not reported and merge policy relies on gates and humans.",
      ),
    on_non_task_prs: z
      .enum(["command", "always", "never"])
      .default("command")
      .describe(
        "Review pull requests that are not Autopilot tasks: `command` only when someone comments `/review`, `always` on every ready PR, `never`.",
      ),
    assistant_manager: roleSchema("anthropic", "red-team reviewer", undefined).describe(
      "The red-team reviewer: risks, missing deliverables, test gaps, follow-ups.",
    ),
    manager: roleSchema("openai", "deciding reviewer", "low").describe(
      "The deciding reviewer: accept, partial, reject or blocked. Use a different vendor than the assistant manager so the two do not share blind spots.",
    ),
    max_input_tokens: countSchema(1000)
      .default(120_000)
      .describe("Most input tokens sent per model call; files beyond it are skipped and the review says so."),
    max_output_tokens: countSchema(256).default(8_000).describe("Most output tokens a model may produce per call."),
    max_cost_usd: z
      .number()
      .positive()
      .default(2)
      .describe(
        "Most estimated cost in USD of one review (all calls); a review that would exceed it stops and reports incomplete.",
      ),
    prices: z
      .record(modelNameSchema, priceSchema)
      .optional()
      .describe(
        `USD prices per million tokens by model name, used for cost estimates and \`max_cost_usd\`, e.g. \`{ my-model: { input: 1.25, output: 10 } }\`. Built in: ${Object.keys(builtInPrices).join(", ")}; entries here override them. A role whose model is priced nowhere is refused, since the cost cap could not stop it.`,
      ),
    context_lines: countSchema(0)
      .max(200, "at most 200 lines of context around each change")
      .default(10)
      .describe(
        "Lines of the file shown above and below each changed segment, beyond GitHub's three (read from the PR's head; 0: GitHub's diff as it is).",
      ),
    instructions: z
      .array(
        z
          .object({
            paths: z.array(globSchema).min(1).describe("Globs of the changed paths the guidance applies to."),
            text: z
              .string()
              .trim()
              .min(1)
              .max(8_000, "keep one instruction under 8,000 characters")
              .describe("What reviewers should check in those paths."),
          })
          .strict(),
      )
      .default([])
      .describe(
        "Review guidance by path, given to both models when the change touches a matching path, after AGENTS.md, CLAUDE.md and `.github/copilot-instructions.md` from the base branch.",
      ),
    max_followups: countSchema(0)
      .max(50, "at most 50 follow-up issues per task")
      .default(5)
      .describe(
        "Most follow-up issues opened when a task merges, blocking ones first; the review's other follow-ups stay listed in its comment and the closing comment counts them. 0 opens none.",
      ),
    max_reviews_per_task: countSchema(1)
      .max(100, "at most 100 reviews per task")
      .default(10)
      .describe(
        "Most model reviews of one pull request, a task's or any other the app reviews (a review carried over to a new head calls no model and is not counted). Past it a new head is not sent to the models, and a task's merge waits, until an owner who did not write the change comments `/review`.",
      ),
    max_asks_per_task: countSchema(0)
      .max(200, "at most 200 model answers to `/ask` per task")
      .default(20)
      .describe(
        "Most `/ask` questions about one task the manager model answers (counted from Autopilot's own replies on the task's issue and PR). Past it, and at 0, `/ask` answers with the recorded state, as without a model.",
      ),
    max_line_comments: countSchema(0)
      .max(100, "at most 100 line comments per review")
      .default(20)
      .describe(
        "Most risks posted as line comments in one line review, the most severe first; every risk stays in the review comment. 0 posts no line review.",
      ),
    timeout_ms: countSchema(1000)
      .max(600_000, "keep a single model call under 10 minutes (600000 ms)")
      .default(120_000)
      .describe("Timeout of one model call in milliseconds."),
    retries: countSchema(0)
      .max(5, "at most 5 retries: beyond that the provider is down, and the review should say so")
      .default(2)
      .describe("Retries of a failed or malformed model call before the review is reported incomplete."),
  })
  .strict()
  .superRefine((review, ctx) => {
    // a model without a price would cost $0 in every estimate: max_cost_usd could never stop it
    for (const role of ["assistant_manager", "manager"] as const) {
      const { provider, model } = review[role];
      if (
        provider === "scripted" ||
        Object.hasOwn(builtInPrices, model) ||
        (review.prices !== undefined && Object.hasOwn(review.prices, model))
      )
        continue;
      ctx.addIssue({
        code: "custom",
        path: [role, "model"],
        message: `\`${model}\` has no known price, so \`max_cost_usd\` could not cap it: add it under \`review.prices\` (USD per million input and output tokens), or use a model with a built-in price (${Object.keys(builtInPrices).join(", ")})`,
      });
    }
  });

export const reviewSchema = withSectionDefault(reviewObjectSchema).describe(
  "The two-model review that ends in the `autopilot/review` check run.",
);
