import { redactSecrets } from "../core/secrets/redact-secrets.js";
import type { LlmMessage } from "./llm-port.js";
import type { OutboundRequest } from "./provider-transport.js";

/** The request with every string passed through `redactSecrets`, and how many secrets were masked. */
export function redactRequest(request: {
  system: string;
  messages: readonly LlmMessage[];
  schemaName: string;
  jsonSchema: Record<string, unknown>;
  maxOutputTokens: number;
}): { request: OutboundRequest; redactions: number } {
  let redactions = 0;
  const redact = (text: string): string => {
    const result = redactSecrets(text);
    redactions += result.redactions;
    return result.text;
  };
  const redacted: OutboundRequest = {
    system: redact(request.system),
    messages: request.messages.map((message) => ({
      role: message.role,
      content: redact(message.content),
      ...(message.cachePrefix ? { cachePrefix: true } : {}),
    })),
    schemaName: request.schemaName,
    // the schema is the app's own text, but its descriptions are strings sent like any other
    jsonSchema: redactStrings(request.jsonSchema, redact) as Record<string, unknown>,
    maxOutputTokens: request.maxOutputTokens,
  };
  return { request: redacted, redactions };
}

/** A copy of a JSON value with every string value (not key) redacted. */
function redactStrings(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, redact));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactStrings(item, redact)]));
  }
  return value;
}

/** For log lines: a string with its secrets masked, cut to `max` characters. */
export function redactForLog(text: string, max = 500): string {
  const { text: redacted } = redactSecrets(text);
  return redacted.length > max ? `${redacted.slice(0, max)}…` : redacted;
}
