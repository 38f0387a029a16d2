/** Keys whose values are example data, not schemas; a `nullable` inside them must stay as written. */
const dataKeys = new Set(["example", "examples", "default", "enum", "const"]);
/** Keys whose values map names to schemas: a property may well be called `default` or `enum`. */
const schemaMaps = new Set(["properties", "patternProperties", "schemas"]);

function normalizeSchema(schema: Record<string, unknown>): void {
  if (schema.nullable !== true) return;
  if (!("type" in schema)) {
    // ajv refuses `nullable` without `type` ("nullable" cannot be used without "type"), which
    // GitHub writes next to oneOf/anyOf/allOf or alone; spell out the null alternative instead.
    delete schema.nullable;
    if (Array.isArray(schema.oneOf)) schema.oneOf.push({ type: "null" });
    else if (Array.isArray(schema.anyOf)) schema.anyOf.push({ type: "null" });
    else if (Array.isArray(schema.allOf)) {
      schema.anyOf = [{ allOf: schema.allOf }, { type: "null" }];
      delete schema.allOf;
    }
    return;
  }
  // OpenAPI 3.0.3 means `nullable` to admit null even with an enum; ajv checks the enum as written.
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum.push(null);
}

/**
 * Rewrites GitHub's description in place so ajv (draft-07 with `nullable`) reads OpenAPI 3.0.3's
 * `nullable` as GitHub means it. Runs once on the freshly parsed copy nobody else holds.
 */
export function normalizeNullable(node: unknown, isSchemaMap = false): void {
  if (Array.isArray(node)) {
    for (const item of node) normalizeNullable(item);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const record = node as Record<string, unknown>;
  if (!isSchemaMap) normalizeSchema(record);
  for (const key in record) {
    const value = record[key];
    if (typeof value !== "object" || value === null) continue;
    if (isSchemaMap) normalizeNullable(value);
    else if (!dataKeys.has(key)) normalizeNullable(value, schemaMaps.has(key));
  }
}
