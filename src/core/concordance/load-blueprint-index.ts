import type { z } from "zod";
import { blueprintItemSchema, blueprintKeyedValueSchema, blueprintPaths, idMessage } from "./blueprint-schema.js";
import type { BlueprintEntry, BlueprintIndex } from "./blueprint-schema.js";
import { formatJsonPath } from "./format-json-path.js";
import type { JsonPath } from "./format-json-path.js";
import { parseJson } from "./parse-json.js";
import { normalizeRefId } from "./ref-id.js";

/** Nesting depth up to which non-id keys are searched for lists (`{"wbs": {"items": [...]}}`). */
const maxDepth = 2;

/**
 * Reads the blueprint indices. Accepted shapes (docs/blueprints.md): `{ "items": [...] }` or any
 * other key holding a list of items (`"wbs": [...]`), a bare array of items, or an object keyed by
 * id. Lists may also hold bare id strings. Never throws: every problem comes back in `errors`,
 * prefixed with the file path, and the ids of the readable parts are still returned.
 */
export function loadBlueprintIndex(files: { path: string; text: string }[]): {
  index: BlueprintIndex;
  errors: string[];
} {
  const ids = new Map<string, BlueprintEntry>();
  const errors: string[] = [];
  if (files.length === 0) {
    errors.push(`no blueprint index found: add ${blueprintPaths.ntIndex} and/or ${blueprintPaths.tdIndex}`);
  }
  for (const file of files) {
    const report = (path: JsonPath, message: string): void => {
      errors.push(`${file.path}: ${path.length ? `${formatJsonPath(path)}: ` : ""}${message}`);
    };
    const add = (id: string, title: string | undefined): void => {
      const existing = ids.get(id);
      // the same id in both indices (WBS items often are) is not an error: the first one wins
      if (existing === undefined) ids.set(id, { id, ...(title ? { title } : {}), source: file.path });
      else if (existing.title === undefined && title) existing.title = title;
    };
    const json = parseJson(file.text);
    if (!json.ok) {
      report([], json.message);
      continue;
    }
    if (Array.isArray(json.value)) {
      readList(json.value, [], true, add, report);
    } else if (isPlainObject(json.value)) {
      readObject(json.value, [], 0, add, report);
    } else {
      report([], "expected an array of items or an object (see docs/blueprints.md)");
    }
  }
  return { index: { ids }, errors };
}

type Add = (id: string, title: string | undefined) => void;
type Report = (path: JsonPath, message: string) => void;

function readList(list: unknown[], path: JsonPath, required: boolean, add: Add, report: Report): void {
  // a list with no item in it is metadata (`"authors": [...]`) unless it is the whole file
  if (!required && !list.some(isItemLike)) return;
  list.forEach((element, i) => {
    if (typeof element === "string") {
      const id = normalizeRefId(element);
      if (id === undefined) report([...path, i], `${idMessage} (got ${JSON.stringify(element)})`);
      else add(id, undefined);
      return;
    }
    if (!isPlainObject(element)) {
      report([...path, i], 'expected an item such as {"id": "NT-0001", "title": "…"} or an id string');
      return;
    }
    const parsed = blueprintItemSchema.safeParse(element);
    if (!parsed.success) {
      reportIssues(parsed.error, [...path, i], report);
      return;
    }
    add(parsed.data.id, parsed.data.title ?? parsed.data.name);
  });
}

function readObject(object: Record<string, unknown>, path: JsonPath, depth: number, add: Add, report: Report): void {
  for (const [key, value] of Object.entries(object)) {
    const keyId = normalizeRefId(key);
    if (keyId !== undefined) {
      readKeyed(keyId, value, [...path, key], add, report);
    } else if (Array.isArray(value)) {
      readList(value, [...path, key], false, add, report);
    } else if (isPlainObject(value) && depth < maxDepth) {
      readObject(value, [...path, key], depth + 1, add, report);
    }
    // other scalars (`"version": 1`, `"generated": "…"`) are metadata
  }
}

function readKeyed(id: string, value: unknown, path: JsonPath, add: Add, report: Report): void {
  const parsed = blueprintKeyedValueSchema.safeParse(value);
  if (!parsed.success) {
    report(path, "expected an object with a title, a title string or null");
    return;
  }
  const item = parsed.data;
  if (item === null || typeof item === "string") {
    add(id, item ?? undefined);
    return;
  }
  if (item.id !== undefined && item.id !== id) {
    report([...path, "id"], `says ${item.id} but the key is ${id}`);
    return;
  }
  add(id, item.title ?? item.name);
}

function isItemLike(element: unknown): boolean {
  if (typeof element === "string") return normalizeRefId(element) !== undefined;
  return isPlainObject(element) && "id" in element;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function reportIssues(error: z.ZodError, path: JsonPath, report: Report): void {
  for (const issue of error.issues) {
    const issuePath = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    report([...path, ...issuePath], issue.message);
  }
}
