import { z } from "zod";

type JsonObject = Record<string, unknown>;

/** Keyword order in emitted schemas: identity first, then type and constraints, then structure. */
const keywordOrder = [
  "$schema",
  "$id",
  "$ref",
  "title",
  "description",
  "type",
  "const",
  "enum",
  "format",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "exclusiveMinimum",
  "maximum",
  "exclusiveMaximum",
  "multipleOf",
  "items",
  "prefixItems",
  "minItems",
  "maxItems",
  "uniqueItems",
  "properties",
  "required",
  "propertyNames",
  "patternProperties",
  "additionalProperties",
  "oneOf",
  "anyOf",
  "allOf",
  "not",
  "default",
  "examples",
  "$defs",
  "definitions",
];

/** Keywords whose value is a schema, a list of schemas or a map of schemas, to canonicalize in turn. */
const schemaValued = new Set([
  "items",
  "additionalProperties",
  "propertyNames",
  "not",
  "contains",
  "if",
  "then",
  "else",
]);
const schemaListValued = new Set(["oneOf", "anyOf", "allOf", "prefixItems"]);
const schemaMapValued = new Set(["properties", "patternProperties", "$defs", "definitions"]);

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const rank = (key: string): number => {
  const index = keywordOrder.indexOf(key);
  return index === -1 ? keywordOrder.length : index;
};

/**
 * Puts keywords in a fixed order so the generated files are stable and readable, and drops the
 * ±MAX_SAFE_INTEGER bounds zod adds to every integer, which say nothing to a reader. Property
 * maps keep the schema's declaration order, which is the order the docs present.
 */
const canonicalize = (schema: JsonObject): JsonObject => {
  const keys = Object.keys(schema).sort(
    (a, b) => rank(a) - rank(b) || (rank(a) === keywordOrder.length ? a.localeCompare(b) : 0),
  );
  const out: JsonObject = {};
  for (const key of keys) {
    const value = schema[key];
    if (
      (key === "maximum" && value === Number.MAX_SAFE_INTEGER) ||
      (key === "minimum" && value === Number.MIN_SAFE_INTEGER)
    )
      continue;
    if (schemaValued.has(key) && isObject(value)) {
      out[key] = canonicalize(value);
    } else if (schemaListValued.has(key) && Array.isArray(value)) {
      out[key] = value.map((item) => (isObject(item) ? canonicalize(item) : item));
    } else if (schemaMapValued.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, item]) => [name, isObject(item) ? canonicalize(item) : item]),
      );
    } else {
      out[key] = value;
    }
  }
  return out;
};

export interface JsonSchemaMeta {
  title: string;
  description?: string;
}

/**
 * JSON Schema (draft-07, which editors' YAML and JSON plugins support best) of what a file may
 * contain: the input side of the zod schema, where fields with defaults are optional.
 */
export function jsonSchemaFor(schema: z.ZodType, meta: JsonSchemaMeta): JsonObject {
  const generated = z.toJSONSchema(schema, { io: "input", target: "draft-07", unrepresentable: "any" }) as JsonObject;
  return canonicalize({
    ...generated,
    title: meta.title,
    ...(meta.description === undefined ? {} : { description: meta.description }),
  });
}

/** The text of a generated JSON file: two-space indent and a trailing newline. */
export const jsonFileText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
