import { describe, expect, it } from "vitest";
import { applyTransition, getEntry, mergeQueues, parseQueue, serializeQueue } from "../../../src/core/queue/index.js";
import type { QueueDocument, QueueEntry, TransitionEvent } from "../../../src/core/queue/index.js";
import { fileOf, lineFor } from "./queue-fixtures.js";

const canonical = (text: string) => serializeQueue(parseQueue(text).doc);

/** Applies moves in order to a queue text, the way a replica would before committing. */
function edit(
  text: string,
  ...events: Array<Partial<TransitionEvent> & Pick<TransitionEvent, "taskId" | "to" | "at">>
): string {
  let doc: QueueDocument = parseQueue(text).doc;
  for (const partial of events) {
    const result = applyTransition(doc, {
      actor: "autopilot[bot]",
      reason: `to ${partial.to}`,
      delivery: `d-${partial.at}`,
      ...partial,
    });
    if (!result.ok) throw new Error(result.reason);
    doc = result.doc;
  }
  return serializeQueue(doc);
}

const entryIn = (text: string, id: string): QueueEntry => {
  const entry = getEntry(parseQueue(text).doc, id);
  if (entry === undefined) throw new Error(`${id} missing`);
  return entry;
};

const at = (minute: number) => `2025-06-03T10:${String(minute).padStart(2, "0")}:00.000Z`;

describe("mergeQueues: tasks changed on one side", () => {
  const base = fileOf(lineFor(1), lineFor(2, ["queued", "in_progress"]), lineFor(3));

  it("returns the common text when both sides are equal", () => {
    expect(mergeQueues(base, base, base)).toEqual({ text: canonical(base), conflicts: [] });
    const ours = edit(base, { taskId: "T-1", to: "in_progress", at: at(1) });
    expect(mergeQueues(base, ours, ours)).toEqual({ text: ours, conflicts: [] });
  });

  it("takes each side's change to different tasks", () => {
    const ours = edit(base, { taskId: "T-1", to: "in_progress", at: at(1) });
    const theirs = edit(base, { taskId: "T-2", to: "review", at: at(2) });
    const { text, conflicts } = mergeQueues(base, ours, theirs);
    expect(conflicts).toEqual([]);
    expect(entryIn(text, "T-1").status).toBe("in_progress");
    expect(entryIn(text, "T-2").status).toBe("review");
    expect(entryIn(text, "T-3")).toEqual(entryIn(base, "T-3"));
  });

  it("keeps tasks both sides added, in id order", () => {
    const ours = canonical(base + lineFor(20));
    const theirs = canonical(base + lineFor(10));
    const { text, conflicts } = mergeQueues(base, ours, theirs);
    expect(conflicts).toEqual([]);
    expect(parseQueue(text).doc.items.map((item) => (item.kind === "entry" ? item.entry.id : "?"))).toEqual([
      "T-1",
      "T-2",
      "T-3",
      "T-10",
      "T-20",
    ]);
  });

  it("drops a task one side removed when the other did not touch it", () => {
    const ours = canonical(fileOf(lineFor(1), lineFor(2, ["queued", "in_progress"])));
    expect(mergeQueues(base, ours, base)).toEqual({ text: ours, conflicts: [] });
  });

  it("keeps a task one side removed and the other changed, and says so", () => {
    const ours = canonical(fileOf(lineFor(1), lineFor(2, ["queued", "in_progress"])));
    const theirs = edit(base, { taskId: "T-3", to: "in_progress", at: at(5) });
    const { text, conflicts } = mergeQueues(base, ours, theirs);
    expect(entryIn(text, "T-3").status).toBe("in_progress");
    expect(conflicts).toEqual(["T-3: ours removed the task while theirs changed it; kept theirs so nothing is lost"]);
  });

  it("is symmetric when nothing conflicts", () => {
    const ours = edit(base, { taskId: "T-1", to: "blocked", at: at(1) });
    const theirs = canonical(edit(base, { taskId: "T-3", to: "needs_owner", at: at(2) }) + lineFor(7));
    expect(mergeQueues(base, ours, theirs).text).toBe(mergeQueues(base, theirs, ours).text);
  });

  it("reads CRLF and BOM inputs and writes canonical LF", () => {
    const ours = edit(base, { taskId: "T-1", to: "in_progress", at: at(1) });
    const crlf = (text: string) => `\uFEFF${text.replace(/\n/g, "\r\n")}`;
    expect(mergeQueues(crlf(base), crlf(ours), crlf(base))).toEqual({ text: ours, conflicts: [] });
  });
});

describe("mergeQueues: the same task changed on both sides", () => {
  const base = fileOf(lineFor(4, ["queued", "in_progress"]), lineFor(5));

  it("unions the histories in time order and takes the newer status when the moves are compatible", () => {
    const ours = edit(base, { taskId: "T-4", to: "review", at: at(10) });
    const theirs = edit(base, {
      taskId: "T-4",
      to: "blocked",
      at: at(20),
      actor: "mona",
      reason: "/block waiting on the API contract",
    });
    const { text, conflicts } = mergeQueues(base, ours, theirs);
    expect(conflicts).toEqual([]);
    const entry = entryIn(text, "T-4");
    expect(entry.status).toBe("blocked");
    expect(entry.history.map((item) => `${item.from}>${item.to}`)).toEqual([
      "null>queued",
      "queued>in_progress",
      "in_progress>review",
      "in_progress>blocked",
    ]);
    expect(entry.history.at(-1)).toMatchObject({ actor: "mona", at: at(20) });
  });

  it("takes the newer side whichever side it is", () => {
    const ours = edit(base, { taskId: "T-4", to: "blocked", at: at(30) });
    const theirs = edit(base, { taskId: "T-4", to: "review", at: at(10) });
    const { text, conflicts } = mergeQueues(base, ours, theirs);
    expect(entryIn(text, "T-4").status).toBe("blocked");
    expect(conflicts).toEqual([]);
  });

  it("keeps a field one side set while the other moved the task", () => {
    const ours = canonical(base.replace('"title":"Task 4"', '"title":"Task 4, renamed"'));
    const theirs = edit(base, { taskId: "T-4", to: "review", at: at(10), patch: { pr: 77 } });
    const { text, conflicts } = mergeQueues(base, ours, theirs);
    expect(conflicts).toEqual([]);
    expect(entryIn(text, "T-4")).toMatchObject({ title: "Task 4, renamed", status: "review", pr: 77 });
  });

  it("reports a field both sides set differently and keeps the newer value", () => {
    const ours = edit(base, { taskId: "T-4", to: "review", at: at(10), patch: { pr: 70 } });
    const theirs = edit(base, { taskId: "T-4", to: "review", at: at(11), delivery: "other", patch: { pr: 71 } });
    const { text, conflicts } = mergeQueues(base, ours, theirs);
    expect(entryIn(text, "T-4").pr).toBe(71);
    expect(conflicts).toEqual(["T-4: both sides changed pr (ours 70, theirs 71); kept theirs, the newer"]);
  });

  it("records a move both sides made for the same delivery only once", () => {
    const ours = edit(base, { taskId: "T-4", to: "review", at: at(10), delivery: "d-same", patch: { pr: 90 } });
    const theirs = edit(base, { taskId: "T-4", to: "review", at: at(10), delivery: "d-same", actor: "replica-2" });
    const { text, conflicts } = mergeQueues(base, ours, theirs);
    expect(conflicts).toEqual([]);
    const entry = entryIn(text, "T-4");
    expect(entry.history.filter((item) => item.delivery === "d-same")).toHaveLength(1);
    expect(entry.pr).toBe(90);
    expect(parseQueue(text).errors).toEqual([]);
  });

  it("does not report two different deliveries that reached the same status", () => {
    const ours = edit(base, { taskId: "T-4", to: "review", at: at(10), delivery: "d-a" });
    const theirs = edit(base, { taskId: "T-4", to: "review", at: at(12), delivery: "d-b" });
    const { text, conflicts } = mergeQueues(base, ours, theirs);
    expect(conflicts).toEqual([]);
    expect(
      entryIn(text, "T-4")
        .history.map((item) => item.delivery)
        .slice(-2),
    ).toEqual(["d-a", "d-b"]);
  });

  it("reports moves that cannot follow one another, keeping the newer status and both histories", () => {
    const queuedBase = fileOf(lineFor(4));
    const ours = edit(queuedBase, { taskId: "T-4", to: "in_progress", at: at(10) });
    const theirs = edit(
      queuedBase,
      { taskId: "T-4", to: "blocked", at: at(11) },
      { taskId: "T-4", to: "queued", at: at(12) },
    );
    const { text, conflicts } = mergeQueues(queuedBase, ours, theirs);
    const entry = entryIn(text, "T-4");
    expect(entry.status).toBe("queued");
    expect(entry.history).toHaveLength(4);
    expect(conflicts).toEqual([
      `T-4: both sides moved the task: ours to in_progress (last at ${at(10)}), ` +
        `theirs to queued (last at ${at(12)}); kept queued as the newer move, ` +
        "though in_progress can move only to review, blocked or needs_owner, not to queued",
    ]);
  });

  it("keeps done when one side merged and the other moved later, because done is final", () => {
    const reviewBase = fileOf(lineFor(4, ["queued", "in_progress", "review"]));
    const ours = edit(reviewBase, { taskId: "T-4", to: "done", at: at(10) });
    const theirs = edit(reviewBase, { taskId: "T-4", to: "in_progress", at: at(20), reason: "changes requested" });
    const { text, conflicts } = mergeQueues(reviewBase, ours, theirs);
    const entry = entryIn(text, "T-4");
    expect(entry.status).toBe("done");
    expect(entry.history.map((item) => item.to).slice(-2)).toEqual(["done", "in_progress"]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatch(
      /^T-4: both sides moved the task: ours to done .* theirs to in_progress .*; kept done because done is final$/,
    );
  });

  it("merges a task both sides added with different content", () => {
    const empty = "";
    const ours = fileOf(lineFor(6, ["queued"], { title: "ours" }));
    const theirs = fileOf(lineFor(6, ["queued", "in_progress"], { title: "theirs" }));
    const { text, conflicts } = mergeQueues(empty, ours, theirs);
    expect(entryIn(text, "T-6")).toMatchObject({ status: "in_progress", title: "theirs" });
    expect(conflicts.some((conflict) => conflict.startsWith("T-6: both sides changed title"))).toBe(true);
  });

  it("keeps unknown fields from both sides", () => {
    const ours = edit(canonical(base.replace(/("id":"T-4".*)}\n/, '$1,"estimate":"2d"}\n')), {
      taskId: "T-4",
      to: "review",
      at: at(10),
    });
    const theirs = edit(canonical(base.replace(/("id":"T-4".*)}\n/, '$1,"owner":"mona"}\n')), {
      taskId: "T-4",
      to: "blocked",
      at: at(20),
    });
    const entry = entryIn(mergeQueues(base, ours, theirs).text, "T-4") as QueueEntry & Record<string, unknown>;
    expect(entry.estimate).toBe("2d");
    expect(entry.owner).toBe("mona");
  });
});

describe("mergeQueues: invalid lines", () => {
  const base = fileOf(lineFor(1), lineFor(2), lineFor(3));

  it("keeps invalid lines either side added, each after the entry it followed", () => {
    const ours = fileOf(lineFor(1), "{ours broke this", lineFor(2), lineFor(3));
    const theirs = fileOf("theirs at the top", lineFor(1), lineFor(2), lineFor(3), '{"id":"T-9"');
    const { text, conflicts } = mergeQueues(base, ours, theirs);
    expect(conflicts).toEqual([]);
    expect(text).toBe(
      fileOf("theirs at the top", lineFor(1), "{ours broke this", lineFor(2), lineFor(3), '{"id":"T-9"'),
    );
  });

  it("keeps a line both sides kept once, and drops one a side removed", () => {
    const withBroken = fileOf(lineFor(1), "{kept", lineFor(2), "{fixed", lineFor(3));
    const fixed = fileOf(lineFor(1), "{kept", lineFor(2), lineFor(3));
    expect(mergeQueues(withBroken, withBroken, fixed).text).toBe(fixed);
    expect(mergeQueues(withBroken, fixed, withBroken).text).toBe(fixed);
  });

  it("moves a line to the nearest earlier entry when the entry it followed was removed", () => {
    const ours = fileOf(lineFor(1), lineFor(2), "{after two", lineFor(3));
    const theirs = fileOf(lineFor(1), lineFor(3));
    const { text } = mergeQueues(base, ours, theirs);
    expect(text).toBe(fileOf(lineFor(1), "{after two", lineFor(3)));
  });

  it("keeps a duplicate-id line as it was", () => {
    const duplicate = lineFor(2, ["queued", "in_progress"]);
    const ours = fileOf(lineFor(1), lineFor(2), duplicate, lineFor(3));
    const { text } = mergeQueues(base, ours, base);
    expect(text).toBe(ours);
    expect(parseQueue(text).errors.map((error) => error.raw)).toEqual([duplicate]);
  });
});
