import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadBlueprintIndex, parseCrosswalk, serializeCrosswalk } from "../../../src/core/concordance/index.js";

const example = (name: string) => ({
  path: `docs/blueprints/${name}`,
  text: readFileSync(fileURLToPath(new URL(`../../../ops/examples/blueprints/${name}`, import.meta.url)), "utf8"),
});

describe("ops/examples/blueprints", () => {
  const { index, errors } = loadBlueprintIndex([example("nt-index.json"), example("td-index.json")]);

  it("loads both example indices without errors", () => {
    expect(errors).toEqual([]);
    expect([...index.ids.keys()].sort()).toEqual([
      "NT-0001",
      "NT-0011",
      "NT-0012",
      "NT-0014",
      "NT-0015",
      "TD-0001",
      "TD-0101",
      "TD-0103",
      "TD-0104",
      "WBS-001",
      "WBS-002",
      "WBS-003",
      "WBS-004",
    ]);
  });

  it("covers the refs of the example queue's tasks", () => {
    for (const id of ["WBS-001", "NT-0012", "TD-0103", "WBS-003", "NT-0014", "WBS-004"])
      expect(index.ids.has(id)).toBe(true);
  });

  it("has a crosswalk in committed form whose ids all exist", () => {
    const { text } = example("crosswalk.json");
    const { crosswalk, errors: crosswalkErrors } = parseCrosswalk(text);
    expect(crosswalkErrors).toEqual([]);
    expect(serializeCrosswalk(crosswalk)).toBe(text);
    for (const id of Object.keys(crosswalk.entries)) expect(index.ids.has(id)).toBe(true);
  });
});
