import { describe, expect, it } from "vitest";
import { KnownCommits } from "../../src/github/known-commits.js";

describe("KnownCommits: the app's own task-file commits and judged heads", () => {
  it("knows a commit per repository, and forgets the oldest past its size", () => {
    const known = new KnownCommits(2);
    known.markTaskFileCommit("acme/widgets", "a1");
    known.markJudged("acme/widgets", "b1");
    expect(known.isTaskFileCommit("acme/widgets", "a1")).toBe(true);
    // another repository's commit of the same SHA is not this one's
    expect(known.isTaskFileCommit("acme/gadgets", "a1")).toBe(false);
    // a task-file commit is not a judged head, nor the other way round
    expect(known.isJudged("acme/widgets", "a1")).toBe(false);
    expect(known.isTaskFileCommit("acme/widgets", "b1")).toBe(false);
    known.markTaskFileCommit("acme/widgets", "a2");
    known.markTaskFileCommit("acme/widgets", "a3");
    expect(known.isTaskFileCommit("acme/widgets", "a1")).toBe(false);
    expect(known.isTaskFileCommit("acme/widgets", "a3")).toBe(true);
    expect(known.isJudged("acme/widgets", "b1")).toBe(true);
  });
});
