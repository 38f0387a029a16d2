import { describe, expect, it } from "vitest";
import { alreadySeen, seenChecksOf, SeenChecksMemo } from "../../src/handlers/scheduling/seen-checks.js";

const head = "a".repeat(40);
const run = (id: number, suite: number, status: string, conclusion: string | null) => ({
  id,
  status,
  conclusion,
  check_suite: { id: suite },
});

describe("coalescing check events on what the last evaluation saw", () => {
  const seen = seenChecksOf(head, [
    run(1, 10, "completed", "success"),
    run(2, 10, "completed", "failure"),
    run(3, 20, "in_progress", null),
    run(4, 20, "completed", "success"),
  ]);

  it("drops an event about a run it saw completed with the same conclusion, on the same head", () => {
    expect(alreadySeen(seen, { kind: "check_run", id: 1, conclusion: "success", headSha: head })).toBe(true);
    expect(alreadySeen(seen, { kind: "check_suite", id: 10, headSha: head })).toBe(true);
  });

  it("keeps news: another conclusion, a run it saw running, a suite not yet complete, another head, no memory", () => {
    expect(alreadySeen(seen, { kind: "check_run", id: 1, conclusion: "failure", headSha: head })).toBe(false);
    expect(alreadySeen(seen, { kind: "check_run", id: 3, conclusion: "success", headSha: head })).toBe(false);
    expect(alreadySeen(seen, { kind: "check_suite", id: 20, headSha: head })).toBe(false);
    expect(alreadySeen(seen, { kind: "check_run", id: 1, conclusion: "success", headSha: "b".repeat(40) })).toBe(false);
    expect(alreadySeen(undefined, { kind: "check_run", id: 1, conclusion: "success", headSha: head })).toBe(false);
  });

  it("forgets the oldest pull request first, and a cleared entry", () => {
    const memo = new SeenChecksMemo(2);
    memo.set("a#1", seen);
    memo.set("a#2", seen);
    memo.set("a#3", seen);
    expect([memo.get("a#1"), memo.get("a#2"), memo.get("a#3")].map(Boolean)).toEqual([false, true, true]);
    memo.set("a#2", undefined);
    expect(memo.get("a#2")).toBeUndefined();
  });
});
