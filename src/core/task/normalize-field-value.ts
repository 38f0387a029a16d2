import { splitGlobList, splitIdList } from "./read-field-text.js";
import type { TaskSpecField } from "./task-spec-fields.js";

const trimText = (item: unknown): unknown => (typeof item === "string" ? item.trim() : item);

/**
 * Forgiving coercions that keep the owner's meaning: a single text where a list belongs becomes
 * a list, `High` becomes `high`, `review only` becomes `review_only`, `nt-12` becomes `NT-12`.
 * Anything of the wrong kind is passed through untouched so validation can name it.
 * `null` (a key with no value) counts as not written.
 */
export function normalizeFieldValue(field: TaskSpecField, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  switch (field) {
    case "scope":
    case "forbidden":
      if (typeof value === "string") return nonEmpty(splitGlobList(value));
      return Array.isArray(value) ? value.map(trimText) : value;
    case "refs":
      if (typeof value === "string") return nonEmpty(splitIdList(value).map((id) => id.toUpperCase()));
      return Array.isArray(value)
        ? value.map((item) => (typeof item === "string" ? item.trim().toUpperCase() : item))
        : value;
    case "item":
      // a number (YAML's reading of 1.2) passes through so validation asks for quotes
      return typeof value === "string" ? value.trim() : value;
    case "acceptance":
    case "tests":
      if (typeof value === "string") return value.trim() === "" ? undefined : [value.trim()];
      return Array.isArray(value) ? value.map(trimText) : value;
    case "risk":
      return typeof value === "string" ? value.trim().toLowerCase() : value;
    case "mode":
      return typeof value === "string"
        ? value
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, "_")
        : value;
    case "budget":
      return value;
  }
}

const nonEmpty = (items: string[]): string[] | undefined => (items.length > 0 ? items : undefined);
