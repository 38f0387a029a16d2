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
  /** default: `json` when NODE_ENV is production, else `pretty` (Probot's rule) */
  LOG_FORMAT: z.enum(["json", "pretty", ""]).optional().transform((v) => (v === "" ? undefined : v)),
  LOG_LEVEL_IN_STRING: z.enum(["true", "false", ""]).optional().transform((v) => v === "true"),
  LOG_MESSAGE_KEY: optionalString,
  SENTRY_DSN: optionalString,
  /** a smee.io channel forwarding GitHub's deliveries to a machine GitHub cannot reach (development) */
  WEBHOOK_PROXY_URL: optionalString,
  REDIS_URL: optionalString,
  GHE_HOST: optionalString,
  GHE_PROTOCOL: z.enum(["https", "http"]).default("https"),
  ANTHROPIC_API_KEY: optionalString,
  OPENAI_API_KEY: optionalString,
  AUTOPILOT_DRY_RUN: z
    .enum(["true", "false", "1", "0", ""])
    .optional()
    .transform((v) => v === "true" || v === "1"),
});

export type Env = z.output<typeof envSchema>;

/** Probot's rule: JSON lines in production, readable lines elsewhere, unless LOG_FORMAT says. */
export function logFormatOf(env: Pick<Env, "LOG_FORMAT" | "NODE_ENV">): "json" | "pretty" {
  return env.LOG_FORMAT ?? (env.NODE_ENV === "production" ? "json" : "pretty");
}

/** Parse the environment; throws one error listing every invalid variable and what it must be. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`autopilot: invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}
