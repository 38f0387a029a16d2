/*
 * Key handling shared by the JSON Lines records (`ops/queue.jsonl`, `ops/decisions.jsonl`): a
 * stable key order for writing, and unknown fields kept so a newer app's fields survive an older
 * app's rewrite.
 */

/** Sets a property even when its name is `__proto__`, which plain assignment would swallow. */
export const setOwn = (target: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
};

/** Known keys in the documented order (skipping undefined), then any others in their order. */
export function orderKeys(value: object, knownKeys: readonly string[]): Record<string, unknown> {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of knownKeys) {
    if (Object.hasOwn(source, key) && source[key] !== undefined) setOwn(out, key, source[key]);
  }
  for (const key of Object.keys(source)) {
    if (!knownKeys.includes(key) && source[key] !== undefined) setOwn(out, key, source[key]);
  }
  return out;
}

/**
 * Zod drops keys it does not know how to assign (`__proto__`), so unknown fields are copied from
 * the raw object rather than taken from zod's output; known fields come from zod (with defaults).
 * `knownKeys` defaults to the keys of zod's output.
 */
export function withUnknownFields(
  parsed: object,
  raw: Record<string, unknown>,
  knownKeys: readonly string[] = Object.keys(parsed),
): Record<string, unknown> {
  const known = parsed as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of knownKeys) if (known[key] !== undefined) setOwn(out, key, known[key]);
  for (const key of Object.keys(raw)) if (!knownKeys.includes(key)) setOwn(out, key, raw[key]);
  return out;
}
