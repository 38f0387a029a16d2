import type { SandboxRequest, SandboxResponse } from "../../http/index.js";
import { SandboxHttpError } from "../../http/index.js";
import type { HookConfig } from "../../webhooks/index.js";
import type { HandlerRegistry, RestContext } from "../rest-context.js";

interface HookConfigInput {
  url?: string;
  content_type?: string;
  secret?: string;
  insecure_ssl?: string | number;
}

const contentTypes: ReadonlySet<string> = new Set(["json", "form"]);

/**
 * GitHub's `webhook-config`. GitHub never shows the secret: one that is set reads `********` (the
 * example of GitHub's description and docs); none set leaves `secret` out, as it leaves out `url`
 * while the hook has none (both the best reading: GitHub's docs show only a configured hook).
 */
function hookConfigJson(config: HookConfig): Record<string, unknown> {
  return {
    content_type: config.contentType,
    insecure_ssl: config.insecureSsl,
    ...(config.secret === "" ? {} : { secret: "********" }),
    ...(config.url === undefined ? {} : { url: config.url }),
  };
}

/**
 * A value GitHub's description lets through but the hook refuses (only `json`/`form`, `0`/`1`):
 * 422 "Validation Failed" with GitHub's documented `invalid` code for the field (the exact
 * `errors` entry GitHub gives here is undocumented: the best reading).
 */
const invalidField = (field: string): SandboxHttpError =>
  new SandboxHttpError(422, "Validation Failed", { errors: [{ resource: "Hook", code: "invalid", field }] });

/** The change a `PATCH` asks for; a refused field changes nothing at all. */
function parseChange(input: HookConfigInput): Partial<HookConfig> {
  const { url, content_type: contentType, secret, insecure_ssl: insecureSsl } = input;
  if (contentType !== undefined && !contentTypes.has(contentType)) throw invalidField("content_type");
  // the description allows a number too: 0 and 1 are taken as "0" and "1", which GET then shows
  const ssl = insecureSsl === undefined ? undefined : String(insecureSsl);
  if (ssl !== undefined && ssl !== "0" && ssl !== "1") throw invalidField("insecure_ssl");
  return {
    ...(url !== undefined ? { url } : {}),
    ...(contentType !== undefined ? { contentType: contentType as HookConfig["contentType"] } : {}),
    ...(secret !== undefined ? { secret } : {}),
    ...(ssl !== undefined ? { insecureSsl: ssl as HookConfig["insecureSsl"] } : {}),
  };
}

/** `GET /app/hook/config` (app JWT; any token is refused before this, as on every JWT route). */
async function getHookConfig(ctx: RestContext): Promise<SandboxResponse> {
  return { status: 200, body: hookConfigJson(ctx.deliveries.hookConfig()) };
}

/**
 * `PATCH /app/hook/config`: what an operator does to move the webhook or rotate its secret. The
 * next delivery, and any redelivery, goes out with the new settings; what was sent keeps its
 * signature, so a receiver still holding the old secret refuses everything from then on.
 */
async function updateHookConfig(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const change = parseChange((request.body ?? {}) as HookConfigInput);
  return { status: 200, body: hookConfigJson(ctx.deliveries.updateHookConfig(change)) };
}

export function registerHookConfigHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("apps/get-webhook-config-for-app", () => getHookConfig(ctx));
  server.register("apps/update-webhook-config-for-app", (request) => updateHookConfig(ctx, request));
}
