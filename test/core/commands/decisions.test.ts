import { describe, expect, it } from "vitest";
import {
  listDecisions,
  nextQuestionId,
  openQuestions,
  parseDecisions,
  recordAnswer,
  recordQuestion,
  resolveQuestion,
  serializeDecisions,
} from "../../../src/core/commands/index.js";
import type { DecisionsDocument, NewQuestion } from "../../../src/core/commands/index.js";

const question = (task: string, text: string, overrides: Partial<NewQuestion> = {}): NewQuestion => ({
  task,
  kind: "spec",
  question: text,
  options: ["yes", "no"],
  recommendation: "yes: it keeps the scope small",
  asked_at: "2025-05-01T10:00:00.000Z",
  asked_in: { issue: Number(task.slice(2)), comment: 9001 },
  ...overrides,
});

const answer = (delivery: string | null, text = "yes") => ({
  text,
  by: "mona",
  at: "2025-05-02T08:30:00.000Z",
  delivery,
});

const line1 =
  '{"id":"Q-1","task":"T-4","kind":"spec","question":"Which API?","options":["REST","GraphQL"],"recommendation":"REST","asked_at":"2025-05-01T10:00:00.000Z","asked_in":{"issue":4,"comment":77}}';
const brokenLine = '{"id":"Q-2","task":"T-4", oops';
const line3 =
  '{"id":"Q-3","task":"T-9","kind":"merge","question":"Merge now?","options":[],"recommendation":"wait","asked_at":"2025-05-01T11:00:00Z","asked_in":{"pr":12,"comment":78},"answer":{"text":"wait","by":"mona","at":"2025-05-01T12:00:00Z","delivery":"d-1"},"extra":{"kept":true}}';
const file = `${line1}\n${brokenLine}\n${line3}\n`;

function recorded(doc: DecisionsDocument, next: NewQuestion): DecisionsDocument {
  const result = recordQuestion(doc, next);
  if (!result.ok) throw new Error(result.reason);
  return result.doc;
}

describe("parseDecisions and serializeDecisions", () => {
  it("round-trips a file byte for byte, keeping an invalid line in place and reporting it", () => {
    const { doc, errors } = parseDecisions(file);
    expect(listDecisions(doc).map((decision) => decision.id)).toEqual(["Q-1", "Q-3"]);
    expect(errors).toEqual([
      { line: 2, raw: brokenLine, message: expect.stringMatching(/^invalid JSON at column \d+/) },
    ]);
    expect(serializeDecisions(doc)).toBe(file);
  });

  it("reports schema problems with their paths, and a repeated id as a duplicate", () => {
    const noWhere = line1.replace('{"issue":4,"comment":77}', '{"comment":77}').replace("Q-1", "Q-5");
    const { errors } = parseDecisions([line1, noWhere, line1].join("\r\n"));
    expect(errors.map((error) => [error.line, error.message])).toEqual([
      [2, "asked_in: name exactly one of issue or pr"],
      [3, "duplicate question id Q-1: line 1 already has it; this line is kept as is and ignored"],
    ]);
  });

  it("keeps unknown fields when a line is rewritten", () => {
    const { doc } = parseDecisions(line1.replace('"asked_at"', '"note":"from v2","asked_at"'));
    const result = recordAnswer(doc, "Q-1", answer("d-7", "REST"));
    if (!result.ok) throw new Error(result.reason);
    const written = JSON.parse(serializeDecisions(result.doc).trim()) as Record<string, unknown>;
    expect(written.note).toBe("from v2");
    expect(Object.keys(written).at(-1)).toBe("note");
    expect(written.answer).toEqual(answer("d-7", "REST"));
  });
});

describe("recordQuestion", () => {
  it("numbers questions after the highest id, invalid lines included", () => {
    const { doc } = parseDecisions(`${line1}\n{"id":"Q-8" broken\n`);
    expect(nextQuestionId(doc)).toBe("Q-9");
    const result = recordQuestion(doc, question("T-5", "Scope?"));
    expect(result).toMatchObject({ ok: true, created: true, decision: { id: "Q-9", task: "T-5" } });
    if (!result.ok) return;
    expect(serializeDecisions(result.doc).split("\n")).toHaveLength(4);
  });

  it("returns the open question instead of asking it twice", () => {
    const once = recorded({ items: [] }, question("T-5", "Scope?"));
    const again = recordQuestion(once, question("T-5", "Scope?"));
    expect(again).toMatchObject({ ok: true, created: false, decision: { id: "Q-1" } });
    if (again.ok) expect(again.doc).toBe(once);
  });

  it("refuses an id already taken and a question that does not fit the schema", () => {
    const doc = recorded({ items: [] }, question("T-5", "Scope?"));
    expect(recordQuestion(doc, question("T-5", "Risk?", { id: "Q-1" }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining("taken"),
    });
    expect(recordQuestion(doc, question("T-5", "Risk?", { asked_in: { issue: 5, pr: 6, comment: 1 } }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining("exactly one of issue or pr"),
    });
  });
});

describe("resolveQuestion and recordAnswer", () => {
  const doc = recorded(
    recorded(recorded({ items: [] }, question("T-5", "Scope?")), question("T-5", "Risk?")),
    question("T-6", "Refs?"),
  );

  it("finds the task's only open question, or asks which one when there are several", () => {
    expect(resolveQuestion(doc, { task: "T-6" })).toMatchObject({ ok: true, decision: { id: "Q-3" } });
    expect(resolveQuestion(doc, { task: "T-5" })).toEqual({
      ok: false,
      reason: "T-5 has 2 open questions (Q-1, Q-2); say which, e.g. `/answer 1 <your answer>`.",
    });
    expect(resolveQuestion(doc, { task: "T-5", number: 2 })).toMatchObject({ ok: true, decision: { id: "Q-2" } });
    expect(resolveQuestion(doc, { task: "T-5", number: 3 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("about T-6"),
    });
    expect(resolveQuestion(doc, { task: "T-5", number: 40 })).toEqual({
      ok: false,
      reason: "there is no question Q-40.",
    });
    expect(resolveQuestion(doc, { task: "T-7" })).toEqual({ ok: false, reason: "T-7 has no open question." });
  });

  it("records an answer once; the same delivery again changes nothing", () => {
    const first = recordAnswer(doc, "Q-2", answer("delivery-1"));
    if (!first.ok) throw new Error(first.reason);
    expect(first.changed).toBe(true);
    expect(openQuestions(first.doc, "T-5").map((decision) => decision.id)).toEqual(["Q-1"]);
    const redelivered = recordAnswer(first.doc, "Q-2", answer("delivery-1"));
    expect(redelivered).toMatchObject({ ok: true, changed: false });
    if (redelivered.ok) expect(serializeDecisions(redelivered.doc)).toBe(serializeDecisions(first.doc));
  });

  it("refuses a second answer, saying who answered first and what", () => {
    const first = recordAnswer(doc, "Q-2", answer("delivery-1", "medium"));
    if (!first.ok) throw new Error(first.reason);
    expect(recordAnswer(first.doc, "Q-2", answer("delivery-2", "high"))).toEqual({
      ok: false,
      reason:
        "Q-2 was already answered by @mona at 2025-05-02 08:30 UTC: `medium`. The first answer stands; if it should change, say so to the owners in this thread.",
    });
    expect(recordAnswer(first.doc, "Q-2", answer(null))).toMatchObject({ ok: false });
  });

  it("changes only the answered line of the file", () => {
    const before = serializeDecisions(doc).split("\n");
    const result = recordAnswer(doc, "Q-1", answer("d-9"));
    if (!result.ok) throw new Error(result.reason);
    const after = serializeDecisions(result.doc).split("\n");
    expect(after.filter((line, index) => line !== before[index])).toHaveLength(1);
    expect(recordAnswer(doc, "Q-77", answer("d-9"))).toMatchObject({
      ok: false,
      reason: "there is no question `Q-77`.",
    });
  });
});
