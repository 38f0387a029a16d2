import type { ErrorObject } from "ajv";
import { inspectValue, valueToS } from "./inspect-value.js";

/** How GitHub names the request body itself in its messages (its hyper-schema's link schema). */
const bodySchemaPath = "links/0/schema";

const unescapeToken = (token: string): string => token.replace(/~1/g, "/").replace(/~0/g, "~");

/** GitHub's `For '…'` location: the schema path of the failing value, `properties/a/items`. */
function schemaPathOf(instancePath: string, root: unknown): string {
  if (instancePath === "") return bodySchemaPath;
  const parts: string[] = [];
  let node = root;
  for (const token of instancePath.slice(1).split("/").map(unescapeToken)) {
    parts.push(Array.isArray(node) ? "items" : `properties/${token}`);
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[token] : undefined;
  }
  return parts.join("/");
}

const withArticle = (type: string): string => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** `a string`, `an integer`, `a string or null`, `a null`: GitHub's wording for expected types. */
function typePhrase(schema: Record<string, unknown> | undefined): string {
  const declared = schema?.type;
  const types = (Array.isArray(declared) ? declared : [declared]).filter((t): t is string => typeof t === "string");
  if (schema?.nullable === true && !types.includes("null")) types.push("null");
  if (types.length === 1 && types[0]) return withArticle(types[0]);
  return types.map((type) => (type === "null" ? "null" : withArticle(type))).join(" or ");
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? "" : "s"}`;
const supplied = (count: number): string => `${count} ${count === 1 ? "was" : "were"} supplied`;

function describeOne(error: ErrorObject, root: unknown): string {
  const at = schemaPathOf(error.instancePath, root);
  const value = error.data;
  const params = error.params as Record<string, unknown>;
  const limit = Number(params.limit);
  switch (error.keyword) {
    case "additionalProperties":
      return `${JSON.stringify(String(params.additionalProperty))} is not a permitted key.`;
    case "type":
      return `For '${at}', ${inspectValue(value)} is not ${typePhrase(error.parentSchema)}.`;
    case "enum":
      return `${valueToS(value)} is not a member of [${((params.allowedValues as unknown[]) ?? []).map(inspectValue).join(", ")}].`;
    case "const":
      return `${valueToS(value)} is not a member of [${inspectValue(params.allowedValue)}].`;
    case "maxLength":
      return `Only ${limit} characters are allowed; ${String(value).length} were supplied.`;
    case "minLength":
      return `${plural(limit, "character")} required; only ${supplied(String(value).length)}.`;
    case "maxItems":
      return `Only ${limit} items are allowed; ${(value as unknown[]).length} were supplied.`;
    case "minItems":
      return `${plural(limit, "item")} required; only ${supplied((value as unknown[]).length)}.`;
    case "minimum":
    case "exclusiveMinimum":
      return `For '${at}', ${inspectValue(value)} is less than the minimum of ${limit}.`;
    case "maximum":
    case "exclusiveMaximum":
      return `For '${at}', ${inspectValue(value)} is greater than the maximum of ${limit}.`;
    case "pattern":
      return `For '${at}', ${inspectValue(value)} does not match /${String(params.pattern)}/.`;
    case "format":
      return `For '${at}', ${inspectValue(value)} is not a valid ${String(params.format)}.`;
    default:
      return `For '${at}', ${inspectValue(value)} ${error.message ?? "is invalid"}.`;
  }
}

/**
 * ajv's errors as the lines of GitHub's `Invalid request.` message: `"sha" wasn't supplied.`,
 * `"x" is not a permitted key.`, `For 'properties/draft', "yes" is not a boolean.`,
 * `done is not a member of ["queued", "in_progress", "completed"].`, `Only 65535 characters are
 * allowed; 70000 were supplied.` Missing keys of one object share a line (`"path", "position"
 * weren't supplied.`) and a failed oneOf/anyOf is announced before the reasons, as GitHub does.
 */
export function describeValidationErrors(errors: readonly ErrorObject[], root: unknown): string[] {
  const headers: string[] = [];
  // A group of missing keys keeps the place of its first member among the other lines.
  const lines: Array<string | string[]> = [];
  const missingByObject = new Map<string, string[]>();
  for (const error of errors) {
    if (error.keyword === "oneOf" || error.keyword === "anyOf") {
      const passing = (error.params as { passingSchemas?: unknown }).passingSchemas;
      const verdict = Array.isArray(passing) ? "More than one subschema" : "No subschema";
      headers.push(`${verdict} in "${error.keyword}" matched.`);
    } else if (error.keyword === "required") {
      const name = JSON.stringify(String((error.params as { missingProperty?: unknown }).missingProperty));
      const key = `${error.instancePath} ${error.schemaPath}`;
      const group = missingByObject.get(key);
      if (group) {
        group.push(name);
      } else {
        const firstMissing = [name];
        missingByObject.set(key, firstMissing);
        lines.push(firstMissing);
      }
    } else {
      lines.push(describeOne(error, root));
    }
  }
  const rendered = lines.map((line) => {
    if (typeof line === "string") return line;
    return line.length === 1 ? `${line[0]} wasn't supplied.` : `${line.join(", ")} weren't supplied.`;
  });
  return [...new Set([...headers, ...rendered])];
}
