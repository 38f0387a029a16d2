import type { OpenApiDocument, Reference } from "./openapi-document.js";

const isReference = (value: unknown): value is Reference =>
  typeof value === "object" && value !== null && typeof (value as { $ref?: unknown }).$ref === "string";

/** Decodes one JSON pointer token (`~1` is `/`, `~0` is `~`, in that order). */
const unescapeToken = (token: string): string => token.replace(/~1/g, "/").replace(/~0/g, "~");

/** Escapes a JSON pointer token, for building pointers such as `#/paths/~1repos~1{owner}`. */
export const escapePointerToken = (token: string): string => token.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * Follows a local `$ref` (`#/components/...`) to what it names, through chains of references. A
 * reference that leads nowhere means the description is broken, so it throws.
 */
export function resolveRef<T>(document: OpenApiDocument, value: T | Reference): T {
  let current: unknown = value;
  for (let hops = 0; isReference(current); hops += 1) {
    const ref = current.$ref;
    if (!ref.startsWith("#/") || hops > 32) throw new Error(`sandbox: cannot resolve $ref "${ref}"`);
    current = ref
      .slice(2)
      .split("/")
      .map(unescapeToken)
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
    if (current === undefined) throw new Error(`sandbox: $ref "${ref}" points at nothing in GitHub's description`);
  }
  return current as T;
}

/** The pointer a value stands at once its `$ref` chain is followed: where ajv must look for it. */
export function resolvedPointer(document: OpenApiDocument, pointer: string, value: unknown): string {
  let current = value;
  let at = pointer;
  while (isReference(current)) {
    at = current.$ref;
    current = resolveRef(document, { $ref: at });
  }
  return at;
}

/**
 * A copy of `schema` with every local `$ref` replaced by its target, for the small parameter
 * schemas compiled without the whole description. Parameter schemas are never recursive; a cycle
 * would be a broken description and throws.
 */
export function inlineRefs(document: OpenApiDocument, schema: unknown, seen: readonly string[] = []): unknown {
  if (Array.isArray(schema)) return schema.map((item) => inlineRefs(document, item, seen));
  if (typeof schema !== "object" || schema === null) return schema;
  if (isReference(schema)) {
    if (seen.includes(schema.$ref)) throw new Error(`sandbox: recursive $ref "${schema.$ref}" in a parameter schema`);
    return inlineRefs(document, resolveRef(document, schema), [...seen, schema.$ref]);
  }
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, inlineRefs(document, value, seen)]));
}
