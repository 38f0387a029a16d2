import { normalizeEntry } from "./crosswalk-schema.js";
import type { Crosswalk, CrosswalkEntry } from "./crosswalk-schema.js";
import { compareIds, comparePaths } from "./ref-id.js";

/** Field order of an entry; fields people add by hand follow, sorted. */
const entryKeyOrder = ["tasks", "code", "tests", "status"];

/**
 * The crosswalk as committed: 2-space JSON with a trailing newline, ids in natural order
 * (`NT-2` before `NT-10`), paths in code-unit order, arrays without duplicates. The same
 * crosswalk always gives the same bytes, so a commit touches only the lines that changed.
 */
export function serializeCrosswalk(crosswalk: Crosswalk): string {
  const { version, entries, ...extra } = crosswalk;
  const ids = Object.keys(entries).sort(compareIds);
  const ordered: Record<string, unknown> = { version };
  // metadata people add (`$schema`, `description`) reads better above the long entries map
  for (const key of Object.keys(extra).sort(comparePaths)) ordered[key] = extra[key];
  ordered["entries"] = Object.fromEntries(
    ids.map((id) => [id, orderEntry(normalizeEntry(entries[id] as CrosswalkEntry))]),
  );
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function orderEntry(entry: CrosswalkEntry): Record<string, unknown> {
  const known = entryKeyOrder.map((key) => [key, entry[key]] as const);
  const rest = Object.keys(entry)
    .filter((key) => !entryKeyOrder.includes(key))
    .sort(comparePaths)
    .map((key) => [key, entry[key]] as const);
  return Object.fromEntries([...known, ...rest]);
}
