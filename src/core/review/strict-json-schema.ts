import { z } from "zod";

export type JsonSchema = { [key: string]: unknown };

/** Keywords OpenAI's strict structured outputs accept and the review schemas use. */
const keptKeywords = new Set([
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "enum",
  "anyOf",
  "description",
]);

/**
 * The JSON Schema a model is asked to fill, in the subset OpenAI's strict mode accepts (and
 * Anthropic's tool `input_schema` reads as well): every object closed with
 * `additionalProperties: false` and listing every property in `required` (optional values are
 * expressed as nullable), no `$schema`, `default` or the safe-integer bounds zod adds to `.int()`.
 */
export function strictJsonSchema(schema: z.ZodType): JsonSchema {
  return tighten(z.toJSONSchema(schema, { io: "output", target: "draft-07" })) as JsonSchema;
}

function tighten(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tighten);
  if (typeof node !== "object" || node === null) return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (!keptKeywords.has(key)) continue;
    if (key === "properties") {
      out[key] = Object.fromEntries(Object.entries(value as JsonSchema).map(([name, child]) => [name, tighten(child)]));
    } else {
      out[key] = tighten(value);
    }
  }
  if (out.type === "object") {
    out.properties ??= {};
    out.required = Object.keys(out.properties as JsonSchema);
    out.additionalProperties = false;
  }
  return out;
}
