import { describe, expect, it } from "vitest";
import { KnownCommits } from "../../src/github/index.js";

const repository = "acme/widgets";

describe("what an instance knows of the commits it makes", () => {
  it("carries every file known at the parent to its own commit, except those the commit wrote", () => {
    const known = new KnownCommits();
    // the after-merge commit wrote the model decisions at `a`
    known.setFile(repository, "a", "ops/model-decisions.jsonl", "one\n");
    known.setFile(repository, "a", "ops/queue.jsonl", "q1\n");
    // the next commit on `a` read and wrote only the queue
    known.committed(repository, "b", new Map([["ops/queue.jsonl", "q1\n"]]), [["ops/queue.jsonl", "q2\n"]], "a");
    expect(known.file(repository, "b", "ops/model-decisions.jsonl")).toEqual({ known: true, content: "one\n" });
    expect(known.file(repository, "b", "ops/queue.jsonl")).toEqual({ known: true, content: "q2\n" });
    // a deletion is known as absent; another repository's files at a commit of the same name are not carried
    known.setFile("acme/other", "b", "x.txt", "other\n");
    known.committed(repository, "c", new Map(), [["ops/queue.jsonl", null]], "b");
    expect(known.file(repository, "c", "ops/queue.jsonl")).toEqual({ known: true, content: undefined });
    expect(known.file(repository, "c", "ops/model-decisions.jsonl")).toEqual({ known: true, content: "one\n" });
    expect(known.file(repository, "c", "x.txt")).toEqual({ known: false });
  });

  it("without the parent, knows only what the commit read and wrote", () => {
    const known = new KnownCommits();
    known.setFile(repository, "a", "ops/model-decisions.jsonl", "one\n");
    known.committed(repository, "b", new Map(), [["ops/queue.jsonl", "q\n"]]);
    expect(known.file(repository, "b", "ops/model-decisions.jsonl")).toEqual({ known: false });
  });
});

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
