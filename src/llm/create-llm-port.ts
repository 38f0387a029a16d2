import type { ReviewConfig } from "../config/config-schema.js";
import { builtInPrices } from "./estimate-cost.js";
import { createAnthropicPort } from "./anthropic-port.js";
import type { LlmPort, LlmProvider, ReasoningEffort } from "./llm-port.js";
import { createOpenAiPort } from "./openai-port.js";
import { createScriptedPort, type ScriptedAnswers } from "./scripted-port.js";
import type { CallPolicy } from "./structured-port.js";

/** A role of `review:` in `.github/autopilot.yml` (`assistant_manager`, `manager`). */
export interface LlmRoleConfig {
  provider: LlmProvider;
  model: string;
  effort?: ReasoningEffort | undefined;
}

export interface CreateLlmPortOptions extends CallPolicy {
  /** default: `ANTHROPIC_API_KEY` or `OPENAI_API_KEY` from `env` */
  apiKey?: string | undefined;
  /** default: `ANTHROPIC_BASE_URL` or `OPENAI_BASE_URL` from `env`, else the vendor's API */
  baseURL?: string | undefined;
  fetch?: typeof fetch | undefined;
  /** where keys and base URLs are read from; default `process.env` */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** the `scripted` provider's answers; without them it answers every call with an error */
  scriptedAnswers?: ScriptedAnswers | undefined;
}

const KEY_VARIABLE = { anthropic: "ANTHROPIC_API_KEY", openai: "OPENAI_API_KEY" } as const;
const BASE_URL_VARIABLE = { anthropic: "ANTHROPIC_BASE_URL", openai: "OPENAI_BASE_URL" } as const;

/**
 * The port for one role, or undefined when its provider has no API key: the review then says
 * plainly that no key is configured rather than pretend it reviewed anything.
 */
export function createLlmPort(role: LlmRoleConfig, options: CreateLlmPortOptions): LlmPort | undefined {
  if (role.provider === "scripted") {
    return createScriptedPort({ ...options, model: role.model, answers: options.scriptedAnswers ?? [] });
  }
  const env = options.env ?? process.env;
  const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(env[KEY_VARIABLE[role.provider]]);
  if (apiKey === undefined) return undefined;
  const baseURL = nonEmpty(options.baseURL) ?? nonEmpty(env[BASE_URL_VARIABLE[role.provider]]);
  const settings = { ...options, model: role.model, apiKey, baseURL, effort: role.effort };
  return role.provider === "anthropic" ? createAnthropicPort(settings) : createOpenAiPort(settings);
}

/** The call policy `review:` configures: prices, the per-call timeout and the retries. */
export function callPolicyOf(review: Pick<ReviewConfig, "prices" | "timeout_ms" | "retries">): CallPolicy {
  return { prices: { ...builtInPrices, ...review.prices }, timeoutMs: review.timeout_ms, retries: review.retries };
}

/** The environment variable that holds the role's API key, to name it when it is missing. */
export function apiKeyVariable(provider: LlmProvider): string | undefined {
  return provider === "scripted" ? undefined : KEY_VARIABLE[provider];
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
