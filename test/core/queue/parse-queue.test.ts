import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  applyTransition,
  getEntry,
  listEntries,
  parseQueue,
  queueEntrySchema,
  serializeQueue,
} from "../../../src/core/queue/index.js";
import { entryFor, fileOf, lineFor } from "./queue-fixtures.js";

const exampleFile = fileURLToPath(new URL("../../../ops/examples/queue.jsonl", import.meta.url));
const roundTrip = (text: string) => serializeQueue(parseQueue(text).doc);

describe("parseQueue and serializeQueue", () => {
  it("reads the example file without errors and writes it back byte for byte", () => {
    const text = readFileSync(exampleFile, "utf8");
    const { doc, errors } = parseQueue(text);
    expect(errors).toEqual([]);
    expect(listEntries(doc).map((entry) => `${entry.id}:${entry.status}`)).toEqual([
      "T-3:done",
      "T-7:needs_owner",
      "T-12:in_progress",
      "T-15:queued",
    ]);
    expect(serializeQueue(doc)).toBe(text);
  });

  it("keeps the recorded acceptance criteria and tests in their place, and reads older lines without them", () => {
    const recorded = JSON.stringify({ ...JSON.parse(lineFor(4)), acceptance: ["pages by 50"], tests: ["npm test"] });
    const { doc, errors } = parseQueue(`${recorded}\n`);
    expect(errors).toEqual([]);
    expect(getEntry(doc, "T-4")).toMatchObject({ acceptance: ["pages by 50"], tests: ["npm test"] });
    const keys = Object.keys(JSON.parse(serializeQueue(doc)));
    expect(keys.slice(keys.indexOf("refs"), keys.indexOf("refs") + 3)).toEqual(["refs", "acceptance", "tests"]);
    const old = parseQueue(`${lineFor(4)}\n`);
    expect(old.errors).toEqual([]);
    expect(getEntry(old.doc, "T-4")?.acceptance).toBeUndefined();
    expect(roundTrip(`${lineFor(4)}\n`)).toBe(`${lineFor(4)}\n`);
  });

  it("treats an empty file, and one of blank lines, as an empty queue written as an empty string", () => {
    for (const text of ["", "\n", "\n  \n\t\n", "\r\n\r\n"]) {
      const { doc, errors } = parseQueue(text);
      expect(errors).toEqual([]);
      expect(listEntries(doc)).toEqual([]);
      expect(serializeQueue(doc)).toBe("");
    }
  });

  it("sorts entries numerically by task id, T-2 before T-10", () => {
    const text = fileOf(lineFor(10), lineFor(2), lineFor(100), lineFor(1), lineFor(21));
    expect(listEntries(parseQueue(text).doc).map((entry) => entry.id)).toEqual(["T-1", "T-2", "T-10", "T-21", "T-100"]);
  });

  it("writes keys in the stable order whatever order the line used, with one trailing newline", () => {
    const entry = entryFor(4, ["queued", "in_progress"]);
    const reversed = {
      ...Object.fromEntries(Object.entries(entry).reverse()),
      history: entry.history.map((item) => Object.fromEntries(Object.entries(item).reverse())),
    };
    const out = roundTrip(JSON.stringify(reversed));
    expect(out.endsWith("}\n")).toBe(true);
    expect(out.endsWith("\n\n")).toBe(false);
    const written = JSON.parse(out);
    expect(Object.keys(written)).toEqual([
      "id",
      "issue",
      "title",
      "status",
      "branch",
      "pr",
      "scope",
      "forbidden",
      "risk",
      "mode",
      "refs",
      "history",
    ]);
    expect(Object.keys(written.history[0])).toEqual(["from", "to", "actor", "reason", "delivery", "at"]);
  });

  it("places budget between forbidden and risk when present", () => {
    const out = roundTrip(lineFor(4, ["queued"], { budget: { files: 3, lines: 90 } }));
    expect(Object.keys(JSON.parse(out)).slice(6, 10)).toEqual(["scope", "forbidden", "budget", "risk"]);
  });

  it("is deterministic: the same tasks in any line order give the same bytes, and a second pass changes nothing", () => {
    const lines = [lineFor(3), lineFor(1, ["queued", "in_progress"]), lineFor(2, ["queued", "blocked"])];
    const a = roundTrip(fileOf(...lines));
    const b = roundTrip(fileOf(...[...lines].reverse()));
    expect(a).toBe(b);
    expect(roundTrip(a)).toBe(a);
    expect(a.split("\n")).toHaveLength(4);
  });

  it("fills the documented defaults for omitted optional fields", () => {
    const line = JSON.stringify({ id: "T-8", issue: 8, title: "t", status: "queued", scope: ["src/**"], risk: "low" });
    const entry = getEntry(parseQueue(line).doc, "T-8");
    expect(entry).toMatchObject({ branch: null, pr: null, forbidden: [], mode: "full", refs: [], history: [] });
    expect(entry && "budget" in entry).toBe(false);
  });

  it("keeps unknown fields of entries and history items, after the known ones, in their original order", () => {
    const entry = entryFor(5, ["queued", "in_progress"]);
    const raw = {
      zeta: { nested: [1, 2] },
      ...entry,
      alpha: "kept",
      history: entry.history.map((item, index) =>
        index === 1 ? { note: "from a newer replica", ...item, extra: true } : item,
      ),
    };
    const out = roundTrip(JSON.stringify(raw));
    const written = JSON.parse(out);
    expect(Object.keys(written).slice(-3)).toEqual(["history", "zeta", "alpha"]);
    expect(written.zeta).toEqual({ nested: [1, 2] });
    expect(Object.keys(written.history[1])).toEqual([
      "from",
      "to",
      "actor",
      "reason",
      "delivery",
      "at",
      "note",
      "extra",
    ]);
    expect(roundTrip(out)).toBe(out);
  });

  it("keeps an unknown field named __proto__ as data", () => {
    const line = lineFor(6).replace(/}$/, ',"__proto__":{"polluted":true}}');
    const out = roundTrip(line);
    expect(out).toContain('"__proto__":{"polluted":true}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("accepts CRLF line breaks and a BOM, and writes LF without a BOM", () => {
    const lf = fileOf(lineFor(1), lineFor(2));
    const crlf = `\uFEFF${lf.replace(/\n/g, "\r\n")}`;
    const { doc, errors } = parseQueue(crlf);
    expect(errors).toEqual([]);
    expect(serializeQueue(doc)).toBe(lf);
  });

  it("accepts a last line without a newline", () => {
    expect(roundTrip(`${lineFor(1)}\n${lineFor(2)}`)).toBe(fileOf(lineFor(1), lineFor(2)));
  });

  it("drops blank lines without reporting them", () => {
    const { doc, errors } = parseQueue(`\n${lineFor(2)}\n\n   \n${lineFor(1)}\n\n`);
    expect(errors).toEqual([]);
    expect(serializeQueue(doc)).toBe(fileOf(lineFor(1), lineFor(2)));
  });
});

describe("invalid lines", () => {
  const broken = '{"id":"T-9","issue":9,"title":"half a line",';

  it("reports a JSON syntax error with its 1-based line and column and keeps the raw line", () => {
    const text = fileOf(lineFor(1), '{"id": "T-2", "issue": }');
    const { errors } = parseQueue(text);
    expect(errors).toEqual([
      {
        line: 2,
        message: 'invalid JSON at column 24: unexpected "}", expected a value',
        raw: '{"id": "T-2", "issue": }',
      },
    ]);
  });

  it("reports schema failures with the path of every issue", () => {
    const entry = entryFor(3, ["queued", "in_progress"]);
    const bad = JSON.stringify({
      ...entry,
      status: "paused",
      history: [entry.history[0], { ...entry.history[1], at: "yesterday" }],
    });
    const { errors } = parseQueue(bad);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.line).toBe(1);
    expect(errors[0]?.message).toContain("status: Invalid option");
    expect(errors[0]?.message).toContain("history[1].at:");
  });

  it("refuses an id that does not match the issue number", () => {
    const { errors } = parseQueue(lineFor(3, ["queued"], { id: "T-4" }));
    expect(errors[0]?.message).toBe("id: a task id is T-<issue number>: issue 3 means T-3, not T-4");
  });

  it("reports a line that is JSON but not an object", () => {
    expect(parseQueue("[1,2]").errors[0]?.message).toBe("expected one JSON object per line, got an array");
    expect(parseQueue("null").errors[0]?.message).toBe("expected one JSON object per line, got null");
  });

  it("keeps the first of two lines with the same id and reports the second", () => {
    const first = lineFor(4);
    const second = lineFor(4, ["queued", "in_progress"]);
    const { doc, errors } = parseQueue(fileOf(first, second));
    expect(getEntry(doc, "T-4")?.status).toBe("queued");
    expect(errors).toEqual([
      {
        line: 2,
        raw: second,
        message: "duplicate task id T-4: line 1 already has it; this line is kept as is and ignored",
      },
    ]);
    expect(serializeQueue(doc)).toBe(fileOf(first, second));
  });

  it("keeps every invalid line byte for byte after the valid entry that preceded it, through sorting", () => {
    const odd = "  not json at all \t";
    const unicode = '{"id":"T-5","title":"caf\u00e9 \u2603 \ud83d\ude80" oops}';
    const text = fileOf(broken, lineFor(10), odd, lineFor(2), unicode, lineFor(1));
    const { doc, errors } = parseQueue(text);
    expect(errors.map((error) => error.line)).toEqual([1, 3, 5]);
    expect(errors.map((error) => error.raw)).toEqual([broken, odd, unicode]);
    expect(serializeQueue(doc)).toBe(fileOf(broken, lineFor(1), lineFor(2), unicode, lineFor(10), odd));
  });

  it("keeps an invalid line's trailing whitespace and strips only the CR of a CRLF break", () => {
    const text = `${lineFor(1)}\r\n{"oops": \t \r\n`;
    const { doc, errors } = parseQueue(text);
    expect(errors[0]?.raw).toBe('{"oops": \t ');
    expect(serializeQueue(doc)).toBe(`${lineFor(1)}\n{"oops": \t \n`);
  });

  it("treats a line of non-JSON whitespace as content, not as blank", () => {
    const { errors } = parseQueue("\u00a0\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.raw).toBe("\u00a0");
  });

  it("keeps invalid lines in place when a valid entry changes around them", () => {
    const text = fileOf(lineFor(1), broken, lineFor(2));
    const { doc } = parseQueue(text);
    const moved = applyTransition(doc, {
      taskId: "T-1",
      to: "in_progress",
      actor: "autopilot[bot]",
      reason: "dispatched",
      delivery: "d-9",
      at: "2025-05-02T00:00:00.000Z",
    });
    if (!moved.ok) throw new Error(moved.reason);
    const lines = serializeQueue(moved.doc).split("\n");
    expect(lines[1]).toBe(broken);
    expect(lines[2]).toBe(lineFor(2));
  });
});

describe("queueEntrySchema", () => {
  it("converts to a JSON Schema for publication in docs/", () => {
    const schema = z.toJSONSchema(queueEntrySchema, { io: "input" }) as {
      properties: Record<string, unknown>;
      required: string[];
      additionalProperties: unknown;
    };
    expect(Object.keys(schema.properties)).toEqual([
      "id",
      "issue",
      "title",
      "status",
      "branch",
      "pr",
      "scope",
      "forbidden",
      "budget",
      "risk",
      "mode",
      "refs",
      "item",
      "acceptance",
      "tests",
      "dispatched_at",
      "start_refused",
      "merge_sha",
      "merge_queue",
      "rollback",
      "agent_run",
      "history",
    ]);
    expect(schema.required).toEqual(["id", "issue", "title", "status", "scope", "risk"]);
    expect(schema.additionalProperties).toEqual({});
  });
});
