import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../../../src/core/plan/index.js";
import { planText, twoPhasePlan } from "./plan-fixtures.js";

const errorsOf = (plan: unknown): string[] => {
  const result = parsePlan(planText(plan));
  if (result.kind !== "invalid") throw new Error(`expected an invalid plan, got ${result.kind}`);
  return result.errors;
};

const withItems = (items: unknown[], phases: unknown[] = twoPhasePlan.phases) => ({ ...twoPhasePlan, phases, items });

describe("parsePlan", () => {
  it("reads a valid plan, with defaults for refs and dependencies", () => {
    const result = parsePlan(planText());
    expect(result.kind).toBe("ok");
    if (result.kind !== "ok") return;
    expect(result.plan.phases.map((phase) => phase.id)).toEqual(["P1", "P2"]);
    expect(result.plan.items[0]).toEqual({ id: "1.1", title: "Widget schema", refs: ["NT-0001"], depends_on: [] });
  });

  it("treats a missing file as no plan, and bad JSON as invalid", () => {
    expect(parsePlan(undefined)).toEqual({ kind: "absent" });
    expect(parsePlan("")).toEqual({ kind: "invalid", errors: ["ops/por.json: the file is empty"] });
    const broken = parsePlan('{"version": 1,');
    expect(broken.kind === "invalid" && broken.errors[0]).toMatch(/^ops\/por\.json: invalid JSON: /);
  });

  it("names an unknown dependency with its path", () => {
    const items = [...twoPhasePlan.items.slice(0, 2), { id: "2.1", title: "API", depends_on: ["1.9"] }];
    expect(errorsOf(withItems(items))).toEqual(['ops/por.json: items[2].depends_on[0]: unknown work item "1.9"']);
  });

  it("names a dependency cycle by its ids", () => {
    const items = [
      { id: "1.1", title: "A", depends_on: ["2.1"] },
      { id: "1.2", title: "B", depends_on: ["1.1"] },
      { id: "2.1", title: "C", depends_on: ["1.2"] },
    ];
    expect(errorsOf(withItems(items))).toEqual(['ops/por.json: items: dependency cycle "1.1" → "2.1" → "1.2" → "1.1"']);
  });

  it("refuses an item that depends on itself", () => {
    const items = [{ id: "1.1", title: "A", depends_on: ["1.1"] }, ...twoPhasePlan.items.slice(1)];
    expect(errorsOf(withItems(items))).toEqual([
      'ops/por.json: items[0].depends_on[0]: work item "1.1" depends on itself',
    ]);
  });

  it("refuses duplicate ids of items and of phases", () => {
    const items = [...twoPhasePlan.items, { id: "1.2", title: "Again" }];
    expect(errorsOf(withItems(items))).toEqual([
      'ops/por.json: items[3].id: duplicate work item id "1.2" (also items[1])',
    ]);
    const phases = [...twoPhasePlan.phases, { id: "P1", title: "Again", items: ["3.1"] }];
    expect(errorsOf(withItems([...twoPhasePlan.items, { id: "3.1", title: "More" }], phases))).toEqual([
      'ops/por.json: phases[2].id: duplicate phase id "P1" (also phases[0])',
    ]);
  });

  it("refuses an item in no phase, in two phases, and a phase naming an unknown item", () => {
    const items = [...twoPhasePlan.items, { id: "3.1", title: "Orphan" }];
    expect(errorsOf(withItems(items))).toEqual([
      'ops/por.json: items[3]: work item "3.1" is in no phase; add it to the items of one phase',
    ]);
    const phases = [twoPhasePlan.phases[0], { id: "P2", title: "Delivery", items: ["2.1", "1.1", "4.4"] }];
    expect(errorsOf(withItems(twoPhasePlan.items, phases))).toEqual([
      'ops/por.json: phases[1].items[1]: work item "1.1" is already in phase "P1"; an item belongs to one phase',
      'ops/por.json: phases[1].items[2]: unknown work item "4.4" (no entry in items has this id)',
    ]);
  });

  it("reports every schema problem with its path, misspelt keys included", () => {
    const errors = errorsOf({
      version: 2,
      phases: [{ id: "phase one", title: "", items: [] }],
      items: [{ id: "01.2", title: "x", refs: ["NT12"], depends: ["1.1"] }],
    });
    expect(errors).toEqual([
      "ops/por.json: version: only version 1 is supported",
      'ops/por.json: phases[0].id: must be letters, digits and "-" (at most 40), such as "P1"',
      "ops/por.json: phases[0].title: give it a title",
      "ops/por.json: phases[0].items: list the ids of the work items of this phase",
      'ops/por.json: items[0].id: must be a WBS id such as "1.2" (numbers separated by dots, no leading zeros)',
      "ops/por.json: items[0].refs[0]: must look like NT-0012, TD-0103 or WBS-003",
      'ops/por.json: items[0]: Unrecognized key: "depends"',
    ]);
  });

  it("finds a cycle in a long chain without overflowing the stack", () => {
    const count = 2000;
    const items = Array.from({ length: count }, (_, i) => ({
      id: `1.${i}`,
      title: `Step ${i}`,
      depends_on: [`1.${(i + 1) % count}`],
    }));
    const plan = { version: 1, phases: [{ id: "P1", title: "All", items: items.map((item) => item.id) }], items };
    const errors = errorsOf(plan);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^ops\/por\.json: items: dependency cycle "1\.0" → "1\.1" → .* → "1\.1999" → "1\.0"$/);
  });
});

describe("the README's example plan", () => {
  it("is a valid plan", () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("### The plan of record"));
    const example = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    expect(parsePlan(example).kind).toBe("ok");
  });
});
