import { z } from "zod";

/** Probot's webhook path, and the app's when `WEBHOOK_PATH` is unset or empty. */
export const defaultWebhookPath = "/api/github/webhooks";

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
  /**
   * the webhook secret before a rotation: deliveries signed with it are still taken
   * (`github/previous-webhook-secret.ts`) and review records sealed under it still verify
   * (`core/review/record-seal.ts`)
   */
  WEBHOOK_SECRET_PREVIOUS: optionalString,
  WEBHOOK_PATH: z.string().default(defaultWebhookPath),
  HOST: z.string().default("localhost"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  /** default: `json` when NODE_ENV is production, else `pretty` (Probot's rule) */
  LOG_FORMAT: z
    .enum(["json", "pretty", ""])
    .optional()
    .transform((v) => (v === "" ? undefined : v)),
  LOG_LEVEL_IN_STRING: z
    .enum(["true", "false", ""])
    .optional()
    .transform((v) => v === "true"),
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

/** The secret Probot falls back to without WEBHOOK_SECRET: public, so it authenticates nothing. */
const probotFallbackSecret = "development";

/**
 * Why the server must not start with this environment's webhook secret, or undefined when it may.
 * Without a secret Probot verifies deliveries against the public fallback `development`, so anyone
 * who can reach the webhook URL could forge a delivery (a comment "from" an owner, a label, an
 * edit). Only an explicit `NODE_ENV=development` (a machine nobody else reaches; the setup flow)
 * may run without one; an unset NODE_ENV does not count.
 */
export function webhookSecretProblem(source: NodeJS.ProcessEnv = process.env): string | undefined {
  const secret = source.WEBHOOK_SECRET?.trim() ?? "";
  if (source.NODE_ENV === "development") return undefined;
  if (secret === "") {
    return [
      "autopilot: WEBHOOK_SECRET is not set. Without it anyone who can reach the webhook URL can forge deliveries",
      `(Probot would check signatures against the public fallback "${probotFallbackSecret}").`,
      "Set WEBHOOK_SECRET to the webhook secret of the GitHub App,",
      "or set NODE_ENV=development on a machine nobody else can reach.",
    ].join(" ");
  }
  if (secret === probotFallbackSecret) {
    return [
      `autopilot: WEBHOOK_SECRET is "${probotFallbackSecret}", the public fallback anyone can sign with.`,
      "Generate a random secret for the GitHub App and set it here.",
    ].join(" ");
  }
  return undefined;
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
