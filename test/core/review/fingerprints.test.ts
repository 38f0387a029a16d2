import { describe, expect, it } from "vitest";
import { compareWithPrevious, fingerprintFindings, normalizedWords } from "../../../src/core/review/index.js";
import type { AssistantManagerFindings } from "../../../src/core/review/index.js";
import { noFindings } from "./review-fixtures.js";

const withRisk = (
  description: string,
  line: number,
  severity: "low" | "high" = "high",
  file = "src/db.ts",
): AssistantManagerFindings => ({
  ...noFindings,
  risks: [{ id: "R1", severity, description, evidence: [{ file, line }] }],
});

describe("fingerprints", () => {
  it("stay the same when the code moves: line numbers in evidence and text do not count", () => {
    const before = fingerprintFindings(withRisk("Query on line 42 concatenates user input.", 42));
    const after = fingerprintFindings(withRisk("Query on line 57 concatenates user input", 57));
    expect(after[0]?.fingerprint).toBe(before[0]?.fingerprint);
  });

  it("differ by severity, file and wording", () => {
    const base = fingerprintFindings(withRisk("Query concatenates user input", 1))[0]!.fingerprint;
    expect(fingerprintFindings(withRisk("Query concatenates user input", 1, "low"))[0]!.fingerprint).not.toBe(base);
    expect(
      fingerprintFindings(withRisk("Query concatenates user input", 1, "high", "src/other.ts"))[0]!.fingerprint,
    ).not.toBe(base);
    expect(fingerprintFindings(withRisk("Cache is never invalidated", 1))[0]!.fingerprint).not.toBe(base);
  });

  it("normalize case, punctuation, order and filler words", () => {
    expect(normalizedWords("The QUERY, on line 12: concatenates input!")).toEqual(["concatenates", "input", "query"]);
  });

  it("fingerprint every kind of finding once, dropping duplicates", () => {
    const findings: AssistantManagerFindings = {
      risks: [
        { id: "R1", severity: "high", description: "Unchecked input", evidence: [{ file: "a.ts", line: 1 }] },
        { id: "R2", severity: "high", description: "unchecked input.", evidence: [{ file: "a.ts", line: 9 }] },
      ],
      missing_deliverables: [{ criterion: "Invalid ids return 404", why: "no handler" }],
      test_gaps: [{ description: "No test for 404", file: "test/a.test.ts" }],
      followups: [{ title: "Add paging", body: "later", blocking: true }],
    };
    const all = fingerprintFindings(findings);
    expect(all.map((f) => f.kind)).toEqual(["risk", "missing_deliverable", "test_gap", "followup"]);
    expect(new Set(all.map((f) => f.fingerprint)).size).toBe(4);
  });
});

describe("compareWithPrevious", () => {
  const first = fingerprintFindings({
    ...noFindings,
    risks: [
      {
        id: "R1",
        severity: "high",
        description: "Query concatenates user input",
        evidence: [{ file: "src/db.ts", line: 10 }],
      },
      {
        id: "R2",
        severity: "medium",
        description: "Retry loop has no upper bound",
        evidence: [{ file: "src/retry.ts", line: 5 }],
      },
    ],
  });

  it("reports a risk that survives a push once, marks the fixed one resolved and the new one new", () => {
    const second = fingerprintFindings({
      ...noFindings,
      risks: [
        {
          id: "R1",
          severity: "high",
          description: "Query concatenates user input",
          evidence: [{ file: "src/db.ts", line: 31 }],
        },
        {
          id: "R2",
          severity: "low",
          description: "Error message leaks the table name",
          evidence: [{ file: "src/db.ts", line: 40 }],
        },
      ],
    });
    const result = compareWithPrevious(first, second);
    expect(result.stillOpen.map((f) => f.text)).toEqual(["Query concatenates user input"]);
    expect(result.stillOpen[0]?.fingerprint).toBe(first[0]?.fingerprint);
    expect(result.new.map((f) => f.text)).toEqual(["Error message leaks the table name"]);
    expect(result.resolved.map((f) => f.text)).toEqual(["Retry loop has no upper bound"]);
  });

  it("recognises a reworded finding in the same file and keeps its first fingerprint", () => {
    const second = fingerprintFindings({
      ...noFindings,
      risks: [
        {
          id: "X",
          severity: "critical",
          description: "The query concatenates raw user input",
          evidence: [{ file: "src/db.ts", line: 3 }],
        },
        {
          id: "Y",
          severity: "medium",
          description: "Retry loop has no upper bound",
          evidence: [{ file: "src/retry.ts", line: 5 }],
        },
      ],
    });
    const result = compareWithPrevious(first, second);
    expect(result.new).toEqual([]);
    expect(result.resolved).toEqual([]);
    expect(result.stillOpen.map((f) => f.fingerprint)).toEqual(first.map((f) => f.fingerprint));
    expect(result.stillOpen[0]?.severity).toBe("critical");
  });

  it("treats everything as new the first time and everything as resolved when the findings are gone", () => {
    expect(compareWithPrevious([], first)).toEqual({ new: first, stillOpen: [], resolved: [] });
    expect(compareWithPrevious(first, [])).toEqual({ new: [], stillOpen: [], resolved: first });
  });
});
