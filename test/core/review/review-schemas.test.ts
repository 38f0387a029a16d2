import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { assistantManagerOutput, managerOutput, tieBreakOutput } from "../../../src/core/review/index.js";
import type { JsonSchema } from "../../../src/core/review/index.js";

/** Every object node of a JSON Schema, with its path. */
function objectNodes(node: unknown, path = "$"): [string, JsonSchema][] {
  if (Array.isArray(node)) return node.flatMap((child, i) => objectNodes(child, `${path}[${i}]`));
  if (typeof node !== "object" || node === null) return [];
  const schema = node as JsonSchema;
  const own: [string, JsonSchema][] = schema.type === "object" ? [[path, schema]] : [];
  return [...own, ...Object.entries(schema).flatMap(([key, child]) => objectNodes(child, `${path}.${key}`))];
}

const outputs = { assistantManagerOutput, managerOutput, tieBreakOutput };

describe("review schemas: OpenAI strict-mode JSON Schema", () => {
  for (const [name, output] of Object.entries(outputs)) {
    it(`${name}: every object is closed and requires all of its properties`, () => {
      const objects = objectNodes(output.jsonSchema);
      expect(objects.length).toBeGreaterThan(0);
      for (const [path, schema] of objects) {
        expect(schema.additionalProperties, path).toBe(false);
        expect([...(schema.required as string[])].sort(), path).toEqual(
          Object.keys(schema.properties as object).sort(),
        );
      }
      expect(output.jsonSchema.type).toBe("object");
    });

    it(`${name}: uses no keyword strict mode rejects`, () => {
      const text = JSON.stringify(output.jsonSchema);
      for (const keyword of ["$schema", "default", "minLength", "maximum", "minItems", "format", "oneOf"]) {
        expect(text, keyword).not.toContain(`"${keyword}"`);
      }
      expect(output.schemaName).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    });
  }

  it("expresses optional values as nullable, not as missing properties", () => {
    const testGap = (assistantManagerOutput.jsonSchema as any).properties.test_gaps.items;
    expect(testGap.required).toContain("file");
    expect(testGap.properties.file.anyOf).toEqual([{ type: "string" }, { type: "null" }]);
    const evidence = (assistantManagerOutput.jsonSchema as any).properties.risks.items.properties.evidence.items;
    expect(evidence.properties.line.anyOf).toEqual([{ type: "integer" }, { type: "null" }]);
  });

  it("lists the decisions and the tie-break's resolved ids", () => {
    const schema = tieBreakOutput.jsonSchema as any;
    expect(schema.properties.decision.enum).toEqual(["accept", "partial", "reject", "blocked"]);
    expect(schema.properties.resolves_risk_ids).toMatchObject({ type: "array", items: { type: "string" } });
    expect((managerOutput.jsonSchema as any).properties.resolves_risk_ids).toBeUndefined();
  });
});

describe("review schemas: parsing model output", () => {
  const findings = {
    risks: [{ id: "R1", severity: "high", description: "Unbounded loop", evidence: [{ file: "src/a.ts", line: 3 }] }],
    missing_deliverables: [{ criterion: "Invalid ids return 404", why: "No 404 path" }],
    test_gaps: [{ description: "No test for empty list", file: null }],
    followups: [{ title: "Add paging", body: "Large lists", blocking: false }],
  };

  it("parses a well-formed answer and drops keys the schema does not name", () => {
    const parsed = assistantManagerOutput.parse({ ...findings, approve: true });
    expect(parsed).toEqual(findings);
    expect("approve" in parsed).toBe(false);
  });

  it("reads a missing nullable value as null (Anthropic tools are not strict)", () => {
    const parsed = assistantManagerOutput.parse({
      ...findings,
      test_gaps: [{ description: "No test for empty list" }],
      risks: [{ id: "R1", severity: "low", description: "x", evidence: [{ file: "src/a.ts" }] }],
    });
    expect(parsed.test_gaps[0]?.file).toBeNull();
    expect(parsed.risks[0]?.evidence[0]?.line).toBeNull();
  });

  it("rejects an answer without the lists instead of reading it as a clean review", () => {
    expect(() => assistantManagerOutput.parse({})).toThrow(ZodError);
    expect(() => assistantManagerOutput.parse({ ...findings, risks: undefined })).toThrow(ZodError);
  });

  it("rejects unknown severities, empty text and duplicate risk ids", () => {
    const risk = findings.risks[0]!;
    expect(() => assistantManagerOutput.parse({ ...findings, risks: [{ ...risk, severity: "severe" }] })).toThrow(
      ZodError,
    );
    expect(() => assistantManagerOutput.parse({ ...findings, risks: [{ ...risk, description: "  " }] })).toThrow(
      ZodError,
    );
    expect(() => assistantManagerOutput.parse({ ...findings, risks: [risk, { ...risk }] })).toThrow(/R1 is used twice/);
  });

  it("rejects a decision outside the four and a manager answer without reasons", () => {
    const manager = {
      decision: "accept",
      recommended_status: "done",
      next_actions: [],
      summary: "ok",
      reasons: ["ok"],
    };
    // criteria left out parse as none (the decision then cannot count as accepted over a spec's criteria)
    expect(managerOutput.parse(manager)).toEqual({ ...manager, criteria: [] });
    expect(() => managerOutput.parse({ ...manager, decision: "merge" })).toThrow(ZodError);
    expect(() =>
      managerOutput.parse({ ...manager, criteria: [{ number: 1, verdict: "probably", evidence: [], note: "x" }] }),
    ).toThrow(ZodError);
    expect(() => managerOutput.parse({ ...manager, reasons: [] })).toThrow(ZodError);
    expect(() => managerOutput.parse({ ...manager, recommended_status: "merged" })).toThrow(ZodError);
    expect(() => tieBreakOutput.parse(manager)).toThrow(ZodError);
    expect(tieBreakOutput.parse({ ...manager, resolves_risk_ids: ["R1"] }).resolves_risk_ids).toEqual(["R1"]);
  });
});
