import { blueprintPaths } from "./blueprint-schema.js";
import { crosswalkEntrySchema, crosswalkSchema, emptyCrosswalk } from "./crosswalk-schema.js";
import type { Crosswalk } from "./crosswalk-schema.js";
import { formatJsonPath } from "./format-json-path.js";
import type { JsonPath } from "./format-json-path.js";
import { parseJson } from "./parse-json.js";

/**
 * Reads the crosswalk; a missing or blank file is an empty crosswalk. Never throws. When `errors`
 * is not empty the returned crosswalk holds only what could be read, so the caller must report
 * the errors and not write it back: rewriting would lose the unreadable part.
 */
export function parseCrosswalk(
  text: string | undefined,
  path: string = blueprintPaths.crosswalk,
): { crosswalk: Crosswalk; errors: string[] } {
  if (text === undefined || text.replace(/^\uFEFF/, "").trim() === "") {
    return { crosswalk: emptyCrosswalk(), errors: [] };
  }
  const json = parseJson(text);
  if (!json.ok) return { crosswalk: emptyCrosswalk(), errors: [`${path}: ${json.message}`] };

  const parsed = crosswalkSchema.safeParse(json.value);
  if (parsed.success) return { crosswalk: parsed.data, errors: [] };

  const errors = parsed.error.issues.map((issue) => {
    const where = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    return `${path}: ${where.length ? `${formatJsonPath(where as JsonPath)}: ` : ""}${issue.message}`;
  });
  return { crosswalk: salvage(json.value), errors };
}

/** The entries that are valid on their own, so a report can still show them. */
function salvage(value: unknown): Crosswalk {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return emptyCrosswalk();
  const entries = (value as Record<string, unknown>)["entries"];
  if (typeof entries !== "object" || entries === null || Array.isArray(entries)) return emptyCrosswalk();
  const valid = Object.entries(entries).flatMap(([id, raw]) => {
    const entry = crosswalkEntrySchema.safeParse(raw);
    return entry.success ? [[id, entry.data] as const] : [];
  });
  // fromEntries defines own properties, so an id spelled "__proto__" cannot reach the prototype
  return { version: 1, entries: Object.fromEntries(valid) };
}
