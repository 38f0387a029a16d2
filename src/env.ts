import { z } from "zod";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v));

/**
 * The environment, parsed once. Variable names are Probot's own (APP_ID, PRIVATE_KEY, …) so a
 * Probot deployment guide applies unchanged; Autopilot adds the model keys and its own switches.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  APP_ID: optionalString,
  PRIVATE_KEY: optionalString,
  PRIVATE_KEY_PATH: optionalString,
  WEBHOOK_SECRET: optionalString,
  WEBHOOK_PATH: z.string().default("/api/github/webhooks"),
  HOST: z.string().default("localhost"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  REDIS_URL: optionalString,
  GHE_HOST: optionalString,
  ANTHROPIC_API_KEY: optionalString,
  OPENAI_API_KEY: optionalString,
  AUTOPILOT_DRY_RUN: z
    .enum(["true", "false", "1", "0", ""])
    .optional()
    .transform((v) => v === "true" || v === "1"),
});

export type Env = z.output<typeof envSchema>;

/** Parse the environment; throws one error listing every invalid variable and what it must be. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`autopilot: invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}
