import { describe, expect, it } from "vitest";
import {
  dateReadinessRows,
  parseReadinessRecord,
  renderReadiness,
  serializeReadinessRecord,
  type ReadinessRow,
} from "../../../src/core/readiness/index.js";

const rowOf = (id: string, result: ReadinessRow["result"]): ReadinessRow => ({
  id,
  check: id,
  principal: "repository",
  expected: "green",
  result,
  detail: result === "ok" ? "green" : "red",
});

describe("the readiness record (ops/readiness.json)", () => {
  it("keeps a row's since while its result stays, and dates a changed or new row now", () => {
    const first = dateReadinessRows({}, [rowOf("ci", "ok"), rowOf("agent", "ok")], "2026-01-01T00:00:00.000Z");
    expect(first.changed).toBe(true);
    const same = dateReadinessRows(first.record, [rowOf("ci", "ok"), rowOf("agent", "ok")], "2026-01-02T00:00:00.000Z");
    expect(same.changed).toBe(false);
    expect(same.rows.map((row) => row.since)).toEqual(["2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z"]);
    const red = dateReadinessRows(same.record, [rowOf("ci", "fail"), rowOf("agent", "ok")], "2026-01-03T00:00:00.000Z");
    expect(red.changed).toBe(true);
    expect(red.rows.map((row) => row.since)).toEqual(["2026-01-03T00:00:00.000Z", "2026-01-01T00:00:00.000Z"]);
    // a row that went away (a required check removed from the configuration) is a change too
    expect(dateReadinessRows(red.record, [rowOf("ci", "fail")], "2026-01-04T00:00:00.000Z").changed).toBe(true);
  });

  it("round-trips through its file, and reads a broken or foreign file as empty", () => {
    const { record } = dateReadinessRows({}, [rowOf("check:ci/test", "fail")], "2026-01-01T00:00:00.000Z");
    const text = serializeReadinessRecord(record);
    expect(parseReadinessRecord(text)).toEqual(record);
    expect(text).toBe(
      '{\n  "rows": {\n    "check:ci/test": {"result":"fail","since":"2026-01-01T00:00:00.000Z"}\n  }\n}\n',
    );
    for (const broken of [undefined, "", "{", "[]", '{"rows": [1]}', '{"rows": {"ci": {"result": "maybe"}}}'])
      expect(parseReadinessRecord(broken)).toEqual({});
  });

  it("renders the matrix with check, principal, expected, result and since, escaping what other apps named", () => {
    const lines = renderReadiness([
      { ...rowOf("check:x", "fail"), check: "required check a|b", since: "2026-01-01T10:03:00.000Z" },
    ]).join("\n");
    expect(lines).toContain("Autopilot is off for new tasks");
    expect(lines).toContain("| Check | Principal | Expected | Result | Since |");
    expect(lines).toContain("| required check a\\|b | repository | green | ❌ fail: red | 2026-01-01 10:03 UTC |");
    expect(renderReadiness([{ ...rowOf("ci", "ok"), since: "2026-01-01T00:00:00Z" }]).join("\n")).toContain(
      "Autopilot is on",
    );
  });
});
