import { describe, expect, it } from "vitest";
import { addTask, getEntry, listEntries, parseQueue, serializeQueue } from "../../../src/core/queue/index.js";
import type { QueueEntry } from "../../../src/core/queue/index.js";
import { fileOf, lineFor } from "./queue-fixtures.js";

const task = (issue: number, overrides: Partial<QueueEntry> = {}): Omit<QueueEntry, "history"> => ({
  id: `T-${issue}`,
  issue,
  title: "Export widgets as CSV",
  status: "queued",
  branch: null,
  pr: null,
  scope: ["src/widgets/**"],
  forbidden: [],
  risk: "medium",
  mode: "full",
  refs: ["NT-0014"],
  ...overrides,
});
const creation = {
  actor: "mona",
  reason: "labeled autopilot",
  delivery: "c0ffee00-0001",
  at: "2025-06-02T08:00:00.000Z",
};

describe("addTask", () => {
  it("adds the task with a creation item as its whole history", () => {
    const result = addTask(parseQueue("").doc, task(7), creation);
    expect(result).toMatchObject({ ok: true, changed: true });
    if (!result.ok) return;
    expect(result.entry.history).toEqual([{ from: null, to: "queued", ...creation }]);
    expect(serializeQueue(result.doc)).toBe(
      `${JSON.stringify({ ...task(7), history: [{ from: null, to: "queued", ...creation }] })}\n`,
    );
  });

  it("creates a task in the status given, e.g. straight to in_progress", () => {
    const result = addTask(
      parseQueue("").doc,
      task(7, { status: "in_progress", branch: "autopilot/T-7-csv", pr: 31 }),
      creation,
    );
    expect(result).toMatchObject({
      ok: true,
      entry: { status: "in_progress", history: [{ from: null, to: "in_progress" }] },
    });
  });

  it("inserts in id order among existing tasks", () => {
    const { doc } = parseQueue(fileOf(lineFor(2), lineFor(30)));
    const result = addTask(doc, task(10), creation);
    if (!result.ok) throw new Error(result.reason);
    expect(listEntries(result.doc).map((entry) => entry.id)).toEqual(["T-2", "T-10", "T-30"]);
  });

  it("is a no-op when the creating delivery is redelivered", () => {
    const first = addTask(parseQueue("").doc, task(7), creation);
    if (!first.ok) throw new Error(first.reason);
    const again = addTask(first.doc, task(7, { title: "changed meanwhile" }), creation);
    expect(again).toMatchObject({ ok: true, changed: false, entry: { title: "Export widgets as CSV" } });
    if (again.ok) expect(again.doc).toBe(first.doc);
  });

  it("refuses an id that already exists, so its history is never overwritten", () => {
    const first = addTask(parseQueue("").doc, task(7), creation);
    if (!first.ok) throw new Error(first.reason);
    expect(addTask(first.doc, task(7), { ...creation, delivery: "c0ffee00-0002" })).toEqual({
      ok: false,
      reason: "T-7 is already in the queue (queued); move it with a transition instead",
    });
    expect(addTask(first.doc, task(7), { ...creation, delivery: null })).toMatchObject({ ok: false });
  });

  it("ignores a history smuggled in at runtime", () => {
    const forged = {
      ...task(7),
      history: [{ from: "review", to: "done", actor: "x", reason: "", delivery: null, at: creation.at }],
    };
    const result = addTask(parseQueue("").doc, forged, creation);
    expect(result).toMatchObject({ ok: true, entry: { history: [{ from: null, to: "queued" }] } });
  });

  it("refuses an invalid task with the zod path of what to fix", () => {
    expect(addTask(parseQueue("").doc, task(7, { scope: [] }), creation)).toEqual({
      ok: false,
      reason: "T-7 cannot be added: scope: name at least one path glob the agent may write",
    });
    expect(addTask(parseQueue("").doc, task(7, { id: "T-8" }), creation)).toMatchObject({ ok: false });
  });

  it("leaves invalid lines where they were", () => {
    const broken = "{not json";
    const { doc } = parseQueue(fileOf(lineFor(1), broken, lineFor(9)));
    const result = addTask(doc, task(5), creation);
    if (!result.ok) throw new Error(result.reason);
    const lines = serializeQueue(result.doc).split("\n");
    expect(lines.slice(0, 2)).toEqual([lineFor(1), broken]);
    expect(getEntry(result.doc, "T-5")).toBeDefined();
  });
});
