import { z } from "zod";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Strips the wrappers that do not change which keys an object accepts. */
const unwrap = (schema: z.ZodType): z.ZodType => {
  let current = schema;
  for (;;) {
    if (
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable ||
      current instanceof z.ZodReadonly
    ) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      return current;
    }
  }
};

/** Picks the union member the value is aiming for, by its discriminator. */
const pickOption = (schema: z.ZodDiscriminatedUnion, value: unknown): z.ZodType | undefined => {
  const discriminator = schema._zod.def.discriminator;
  const wanted = isRecord(value) ? value[discriminator] : undefined;
  return (schema.options as z.ZodType[]).find((option) => {
    const inner = unwrap(option);
    if (!(inner instanceof z.ZodObject)) return false;
    const tag = unwrap(inner.shape[discriminator] as z.ZodType);
    return tag instanceof z.ZodLiteral && tag.values.has(wanted as never);
  });
};

const step = (schema: z.ZodType, segment: PropertyKey, value: unknown): z.ZodType | undefined => {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodDiscriminatedUnion) {
    const option = pickOption(inner, value);
    return option === undefined ? undefined : step(option, segment, value);
  }
  if (inner instanceof z.ZodObject) return inner.shape[String(segment)] as z.ZodType | undefined;
  if (inner instanceof z.ZodRecord) return inner.valueType as z.ZodType;
  if (inner instanceof z.ZodArray) return inner.element as z.ZodType;
  return undefined;
};

/**
 * The keys the schema accepts for the object at `path` in `root`, or `undefined` when the path does
 * not lead to an object with a fixed shape. Used to list the allowed keys next to an unknown one.
 */
export const objectKeysAt = (schema: z.ZodType, path: readonly PropertyKey[], root: unknown): string[] | undefined => {
  let current: z.ZodType | undefined = schema;
  let value = root;
  for (const segment of path) {
    if (current === undefined) return undefined;
    current = step(current, segment, value);
    value = isRecord(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[segment] : undefined;
  }
  if (current === undefined) return undefined;
  let inner = unwrap(current);
  if (inner instanceof z.ZodDiscriminatedUnion) {
    const option = pickOption(inner, value);
    if (option === undefined) return undefined;
    inner = unwrap(option);
  }
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : undefined;
};

/**
 * Every key path of a fixed-shape object in the schema (`merge.method`, `review.manager.model`, …),
 * so a key written at the wrong level can be pointed to where it belongs.
 */
export const knownKeyPaths = (schema: z.ZodType, prefix: readonly string[] = []): string[][] => {
  const inner = unwrap(schema);
  const members = inner instanceof z.ZodDiscriminatedUnion ? (inner.options as z.ZodType[]).map(unwrap) : [inner];
  const paths: string[][] = [];
  for (const member of members) {
    if (!(member instanceof z.ZodObject)) continue;
    for (const [key, child] of Object.entries(member.shape as Record<string, z.ZodType>)) {
      const path = [...prefix, key];
      if (!paths.some((known) => known.join(".") === path.join("."))) paths.push(path);
      for (const nested of knownKeyPaths(child, path)) {
        if (!paths.some((known) => known.join(".") === nested.join("."))) paths.push(nested);
      }
    }
  }
  return paths;
};
