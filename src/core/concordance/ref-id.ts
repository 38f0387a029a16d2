import { specRefPattern, taskIdPattern } from "../task/task-spec.js";

/**
 * The canonical form of a blueprint / WBS id (`NT-0012`, `TD-0103`, `WBS-003`), or undefined when
 * the token is not one. Only the prefix case is forgiven: `nt-0012` is `NT-0012`, but `NT-12` stays
 * distinct from `NT-0012` because the indices, not this function, decide which ids exist.
 */
export function normalizeRefId(token: string): string | undefined {
  const upper = token.trim().toUpperCase();
  return specRefPattern.test(upper) ? upper : undefined;
}

/** `T-<n>` with the prefix case forgiven, or undefined. */
export function normalizeTaskId(token: string): string | undefined {
  const upper = token.trim().toUpperCase();
  return taskIdPattern.test(upper) ? upper : undefined;
}

/** The numeric part of an id, for "did you mean" hints (`NT-12` ~ `NT-0012`). */
export function refIdKey(id: string): string | undefined {
  const match = /^([A-Z]+)-0*(\d+)$/.exec(id);
  return match ? `${match[1]}-${match[2]}` : undefined;
}

/**
 * Natural order for ids: `T-2` before `T-12`, `NT-0002` before `TD-0001`. Hand-written rather than
 * `localeCompare(…, { numeric: true })` so the order never depends on the ICU data Node ships with.
 */
export function compareIds(a: string, b: string): number {
  const chunksA = a.match(/\d+|\D+/g) ?? [];
  const chunksB = b.match(/\d+|\D+/g) ?? [];
  const length = Math.min(chunksA.length, chunksB.length);
  for (let i = 0; i < length; i += 1) {
    const x = chunksA[i] as string;
    const y = chunksB[i] as string;
    if (x === y) continue;
    const bothNumeric = /^\d/.test(x) && /^\d/.test(y);
    if (bothNumeric) {
      const byValue = compareDigits(x, y);
      if (byValue !== 0) return byValue;
    }
    return x < y ? -1 : 1;
  }
  if (chunksA.length !== chunksB.length) return chunksA.length - chunksB.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares digit strings by value without Number() so long runs cannot lose precision. */
function compareDigits(x: string, y: string): number {
  const a = x.replace(/^0+(?=\d)/, "");
  const b = y.replace(/^0+(?=\d)/, "");
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Plain code-unit order, the way git sorts paths; never locale-dependent. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
