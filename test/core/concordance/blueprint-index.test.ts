import { describe, expect, it } from "vitest";
import { loadBlueprintIndex } from "../../../src/core/concordance/index.js";

const nt = "docs/blueprints/nt-index.json";
const td = "docs/blueprints/td-index.json";
const load = (path: string, value: unknown) => loadBlueprintIndex([{ path, text: JSON.stringify(value) }]);
const ids = (result: ReturnType<typeof loadBlueprintIndex>) => [...result.index.ids.keys()];

describe("loadBlueprintIndex: accepted shapes", () => {
  it("reads { items: [...] } with titles and the source file", () => {
    const result = load(nt, { version: 1, items: [{ id: "NT-0001", title: "List widgets", owner: "po" }] });
    expect(result.errors).toEqual([]);
    expect(result.index.ids.get("NT-0001")).toEqual({ id: "NT-0001", title: "List widgets", source: nt });
  });

  it("reads a bare array of items and bare id strings", () => {
    const result = load(nt, [{ id: "NT-0001" }, "NT-0002"]);
    expect(result.errors).toEqual([]);
    expect(ids(result)).toEqual(["NT-0001", "NT-0002"]);
  });

  it("reads an object keyed by id, with objects, title strings or null", () => {
    const result = load(td, { "TD-0001": { title: "Store" }, "TD-0002": "Cache", "TD-0003": null });
    expect(result.errors).toEqual([]);
    expect([...result.index.ids.values()].map((e) => [e.id, e.title])).toEqual([
      ["TD-0001", "Store"],
      ["TD-0002", "Cache"],
      ["TD-0003", undefined],
    ]);
  });

  it("reads WBS ids from a wbs list or a keyed wbs object next to the items", () => {
    const a = load(td, { items: [{ id: "TD-0001" }], wbs: [{ id: "WBS-001", name: "Setup" }] });
    const b = load(td, { items: [], wbs: { "WBS-002": { title: "Build" } } });
    expect(ids(a)).toEqual(["TD-0001", "WBS-001"]);
    expect(a.index.ids.get("WBS-001")?.title).toBe("Setup");
    expect(ids(b)).toEqual(["WBS-002"]);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it("ignores metadata: scalars and lists that hold no items", () => {
    const result = load(nt, { version: 2, generated: "2025-01-01", authors: ["ana", "bo"], items: ["NT-0001"] });
    expect(result.errors).toEqual([]);
    expect(ids(result)).toEqual(["NT-0001"]);
  });

  it("does not take ids an item merely mentions for definitions", () => {
    const result = load(nt, { items: [{ id: "NT-0001", refs: ["TD-0009"], children: [{ id: "NT-0099" }] }] });
    expect(ids(result)).toEqual(["NT-0001"]);
  });

  it("merges both files; an id listed twice keeps its first source", () => {
    const result = loadBlueprintIndex([
      { path: nt, text: JSON.stringify({ items: [{ id: "NT-0001" }], wbs: ["WBS-001"] }) },
      { path: td, text: JSON.stringify({ items: [{ id: "TD-0001" }], wbs: [{ id: "WBS-001", title: "Setup" }] }) },
    ]);
    expect(result.errors).toEqual([]);
    expect(ids(result).sort()).toEqual(["NT-0001", "TD-0001", "WBS-001"]);
    expect(result.index.ids.get("WBS-001")).toEqual({ id: "WBS-001", title: "Setup", source: nt });
  });

  it("forgives a UTF-8 byte order mark and lower-case prefixes", () => {
    const result = loadBlueprintIndex([{ path: nt, text: `\uFEFF${JSON.stringify([{ id: "nt-0001" }])}` }]);
    expect(result.errors).toEqual([]);
    expect(ids(result)).toEqual(["NT-0001"]);
  });
});

describe("loadBlueprintIndex: errors name the file and the place, and never throw", () => {
  it("reports invalid JSON and keeps the ids of the other file", () => {
    const result = loadBlueprintIndex([
      { path: nt, text: '{ "items": [ { "id": "NT-0001" }, ] }' },
      { path: td, text: JSON.stringify(["TD-0001"]) },
    ]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^docs\/blueprints\/nt-index\.json: invalid JSON: /);
    expect(ids(result)).toEqual(["TD-0001"]);
  });

  it("reports an empty file", () => {
    expect(loadBlueprintIndex([{ path: nt, text: "  \n" }]).errors).toEqual([`${nt}: the file is empty`]);
  });

  it("reports items without a valid id with their path, and keeps the valid ones", () => {
    const result = load(nt, { items: [{ id: "NT-0001" }, { title: "no id" }, { id: "REQ-7" }, { id: 3 }] });
    expect(ids(result)).toEqual(["NT-0001"]);
    expect(result.errors).toHaveLength(3);
    expect(result.errors[0]).toMatch(/^docs\/blueprints\/nt-index\.json: items\[1\]\.id: /);
    expect(result.errors[1]).toContain("items[2].id: must look like NT-0012, TD-0103 or WBS-003");
    expect(result.errors[2]).toMatch(/items\[3\]\.id: /);
  });

  it("reports a keyed item whose id disagrees with its key", () => {
    const result = load(td, { "TD-0001": { id: "TD-0002" } });
    expect(result.errors).toEqual([`${td}: ["TD-0001"].id: says TD-0002 but the key is TD-0001`]);
  });

  it("reports a keyed value of the wrong type", () => {
    expect(load(td, { "TD-0001": 5 }).errors).toEqual([
      `${td}: ["TD-0001"]: expected an object with a title, a title string or null`,
    ]);
  });

  it("reports a top level that is neither a list nor an object", () => {
    expect(load(nt, "NT-0001").errors).toEqual([
      `${nt}: expected an array of items or an object (see docs/blueprints.md)`,
    ]);
  });

  it("reports a bare array that holds no items", () => {
    expect(load(nt, [1]).errors).toHaveLength(1);
  });

  it("reports that no index exists when given no files", () => {
    const result = loadBlueprintIndex([]);
    expect(result.index.ids.size).toBe(0);
    expect(result.errors).toEqual([
      "no blueprint index found: add docs/blueprints/nt-index.json and/or docs/blueprints/td-index.json",
    ]);
  });
});
