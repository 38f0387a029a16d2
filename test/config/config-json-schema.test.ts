import { describe, expect, it } from "vitest";
import { configJsonSchema, defaultConfig } from "../../src/config/index.js";

type Schema = Record<string, unknown>;

/** Every property schema in the tree, with its dotted path (union members share their parent's path). */
const propertiesOf = (schema: Schema, prefix = ""): [string, Schema][] => {
  const own = Object.entries((schema.properties ?? {}) as Record<string, Schema>).flatMap(([key, child]) => {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    return [[path, child] as [string, Schema], ...propertiesOf(child, path)];
  });
  const members = ((schema.oneOf ?? schema.anyOf ?? []) as Schema[]).flatMap((member) => propertiesOf(member, prefix));
  const values =
    typeof schema.additionalProperties === "object"
      ? propertiesOf(schema.additionalProperties as Schema, `${prefix}.*`)
      : [];
  return [...own, ...members, ...values];
};

describe("configJsonSchema", () => {
  const schema = configJsonSchema() as Schema;

  it("is a draft-07 schema that refuses unknown top-level keys", () => {
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.type).toBe("object");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toBeUndefined();
  });

  it("describes every key, because the descriptions are the documentation", () => {
    const undocumented = propertiesOf(schema)
      .filter(([, child]) => typeof child.description !== "string" || child.description.length < 10)
      .map(([path]) => path);
    expect(undocumented).toEqual([]);
  });

  it("carries the same defaults as the parser", () => {
    const properties = schema.properties as Record<string, Schema>;
    const defaults = defaultConfig();
    for (const key of [
      "paused",
      "dry_run",
      "owners",
      "labels",
      "branch_prefix",
      "task_dir",
      "queue_file",
      "defaults",
      "dispatch",
      "secrets",
      "concordance",
      "merge",
    ] as const) {
      expect(properties[key]?.default, key).toEqual(defaults[key]);
    }
  });

  it("is the input shape: keys with defaults are optional, variant keys are required", () => {
    const dispatch = (schema.properties as Record<string, Schema>).dispatch as Schema;
    const variants = dispatch.oneOf as Schema[];
    expect(variants.map((variant) => variant.required)).toEqual([
      ["target", "workflow"],
      ["target", "handle"],
      ["target"],
    ]);
  });

  it("omits zod's meaningless ±2^53 integer bounds", () => {
    expect(JSON.stringify(schema)).not.toContain(String(Number.MAX_SAFE_INTEGER));
  });
});
