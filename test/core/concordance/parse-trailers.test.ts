import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseTrailers } from "../../../src/core/concordance/index.js";

/**
 * Expected values were taken from `git interpret-trailers --parse` (git 2.39) with
 * `-c trailer.co-authored-by.key=Co-authored-by`, the configuration parseTrailers mirrors, and
 * fixtures/git-interpret-trailers.json records git's answers for generated messages. The tests
 * do not run git.
 */
const pairs = (message: string): string[] => parseTrailers(message).map((t) => `${t.key}: ${t.value}`);

describe("parseTrailers: where the trailer block is", () => {
  it("reads the last paragraph when every line is a trailer", () => {
    expect(pairs("Add widgets\n\nBody text.\n\nTask: T-12\nRefs: NT-0001, TD-0042\n")).toEqual([
      "Task: T-12",
      "Refs: NT-0001, TD-0042",
    ]);
  });

  it("never reads the subject paragraph, even when it looks like trailers", () => {
    expect(pairs("Task: T-12\n")).toEqual([]);
    expect(pairs("Add widgets\nTask: T-12\nRefs: NT-0001\n")).toEqual([]);
  });

  it("ignores trailing blank lines and whitespace-only lines", () => {
    expect(pairs("Add widgets\n\nTask: T-12\n\n\n\n")).toEqual(["Task: T-12"]);
    expect(pairs("Add widgets\n\nTask: T-12\n   \n")).toEqual(["Task: T-12"]);
  });

  it("reads nothing when the last paragraph is prose", () => {
    expect(pairs("Add widgets\n\nTask: T-12\n\nThanks for reviewing.\n")).toEqual([]);
  });

  it("reads nothing when trailers and prose share the last paragraph without a git trailer", () => {
    expect(pairs("Add widgets\n\nTask: T-12\nnot a trailer\n")).toEqual([]);
  });

  it("treats a message that starts with a blank line as having an empty subject", () => {
    expect(pairs("\nTask: T-12\n")).toEqual(["Task: T-12"]);
  });

  it("accepts a message without a final newline", () => {
    expect(pairs("Add widgets\n\nTask: T-12\nRefs: NT-0001")).toEqual(["Task: T-12", "Refs: NT-0001"]);
  });

  it("parses CRLF messages like LF ones", () => {
    expect(pairs("Add widgets\r\n\r\nTask: T-12\r\nRefs: NT-0001\r\n")).toEqual(["Task: T-12", "Refs: NT-0001"]);
  });
});

describe("parseTrailers: the 25% rule", () => {
  it("accepts a mixed paragraph with a Signed-off-by when trailers are at least 25%", () => {
    // 2 trailers, 2 prose lines
    expect(pairs("s\n\nTask: T-1\nnot a trailer\nmore\nSigned-off-by: A <a@example.com>\n")).toEqual([
      "Task: T-1",
      "Signed-off-by: A <a@example.com>",
    ]);
    // 1 trailer, 3 prose lines: exactly 25%
    expect(pairs("s\n\nnot a trailer\nmore\nmore2\nSigned-off-by: A <a@example.com>\n")).toEqual([
      "Signed-off-by: A <a@example.com>",
    ]);
  });

  it("rejects the paragraph below 25%", () => {
    expect(pairs("s\n\nnot a trailer\nmore\nmore2\nmore3\nSigned-off-by: A <a@example.com>\n")).toEqual([]);
  });

  it("counts (cherry picked from commit …) as git-generated but does not return it", () => {
    expect(pairs("s\n\nTask: T-1\nprose line\n(cherry picked from commit 0123abc)\n")).toEqual(["Task: T-1"]);
  });

  it("matches git-generated prefixes case-sensitively", () => {
    expect(pairs("s\n\nsigned-off-by: a\nprose\nprose\n")).toEqual([]);
  });

  it("counts Co-authored-by like a configured trailer, in any case", () => {
    expect(pairs("s\n\nprose\nmore\nmore2\nco-authored-by: B <b@example.com>\n")).toEqual([
      "Co-authored-by: B <b@example.com>",
    ]);
    expect(parseTrailers("s\n\nprose\nmore\nmore2\nCo-authored-by: B\n", { recognizedKeys: [] })).toEqual([]);
  });

  it("counts configured keys when asked", () => {
    expect(parseTrailers("s\n\nRefs: NT-1\nprose\n", { recognizedKeys: ["refs"] })).toEqual([
      { key: "Refs", value: "NT-1" },
    ]);
  });
});

describe("parseTrailers: lines and values", () => {
  it("unfolds continuation lines into single spaces", () => {
    expect(pairs("s\n\nRefs: NT-0001,\n  TD-0042,\n\tWBS-003\nTask: T-1\n")).toEqual([
      "Refs: NT-0001, TD-0042, WBS-003",
      "Task: T-1",
    ]);
    expect(pairs("s\n\nTask:\n  T-1\n")).toEqual(["Task: T-1"]);
  });

  it("counts a continuation line with nothing above it as prose", () => {
    expect(pairs("s\n\n  indented: x\nTask: T-1\n")).toEqual([]);
  });

  it("continues a git-generated trailer too", () => {
    expect(pairs("s\n\nnot\nx\ny\nSigned-off-by: A <a@b>\n  c1\n  c2\n")).toEqual(["Signed-off-by: A <a@b> c1 c2"]);
  });

  it("allows blanks before the colon and none after it", () => {
    expect(parseTrailers("s\n\nWBS : WBS-003\nrefs:NT-1\n")).toEqual([
      { key: "WBS", value: "WBS-003" },
      { key: "Refs", value: "NT-1" },
    ]);
  });

  it("puts known keys in canonical case and keeps others as written", () => {
    expect(parseTrailers("s\n\nTASK: T-1\nrefs: NT-1\nwbs: WBS-1\nReviewed-By: R\n").map((t) => t.key)).toEqual([
      "Task",
      "Refs",
      "WBS",
      "Reviewed-By",
    ]);
  });

  it("only takes ':' as separator, like git's default", () => {
    expect(pairs("s\n\nTask #12\n")).toEqual([]);
    expect(pairs("s\n\nTask = T-12\n")).toEqual([]);
  });

  it("rejects tokens with inner spaces but, like git, reads a URL scheme as a token", () => {
    expect(pairs("s\n\nKey With Space: v\n")).toEqual([]);
    expect(pairs("s\n\nhttp://example.com: v\n")).toEqual(["http: //example.com: v"]);
  });

  it("keeps an empty value", () => {
    expect(parseTrailers("s\n\nTask:\nRefs: NT-1\n")).toEqual([
      { key: "Task", value: "" },
      { key: "Refs", value: "NT-1" },
    ]);
  });
});

describe("parseTrailers: what git ignores", () => {
  it("stops at a --- patch divider", () => {
    expect(pairs("s\n\nTask: T-1\n\n---\nRefs: NT-1\n")).toEqual(["Task: T-1"]);
    expect(pairs("s\n\nTask: T-1\n--- a/file\nRefs: NT-1\n")).toEqual(["Task: T-1"]);
  });

  it("does not take GitHub's squash-merge rule (a line of many dashes) for a divider", () => {
    expect(pairs("s (#3)\n\n* one\n\n---------\n\nCo-authored-by: B <b@example.com>\n")).toEqual([
      "Co-authored-by: B <b@example.com>",
    ]);
  });

  it("reads past a --- divider when told to", () => {
    expect(parseTrailers("s\n\nbody\n---\n\nRefs: NT-1\n", { divider: false })).toEqual([
      { key: "Refs", value: "NT-1" },
    ]);
  });

  it("ignores trailing comment lines and comments inside the block", () => {
    expect(pairs("s\n\nTask: T-1\n# Please enter the commit message\n")).toEqual(["Task: T-1"]);
    expect(pairs("s\n\nTask: T-1\n# note\nRefs: NT-1\n")).toEqual(["Task: T-1", "Refs: NT-1"]);
  });

  it("ignores everything below a scissors line", () => {
    expect(pairs("s\n\nTask: T-1\n# ------------------------ >8 ------------------------\nfoo\n\nB: c\n")).toEqual([
      "Task: T-1",
    ]);
  });

  it("ignores an old-style Conflicts: block at the end", () => {
    expect(pairs("s\n\nTask: T-1\n\nConflicts:\n\tsrc/a.ts\n")).toEqual(["Task: T-1"]);
  });
});

describe("parseTrailers agrees with git on a recorded corpus", () => {
  const corpus = JSON.parse(
    readFileSync(fileURLToPath(new URL("./fixtures/git-interpret-trailers.json", import.meta.url)), "utf8"),
  ) as { cases: { message: string; git: string[] }[] };
  // git prints configured keys in their configured case and others as written; compare keys case-insensitively
  const fromGit = (line: string): string => {
    const colon = line.indexOf(":");
    return `${line.slice(0, colon).toLowerCase()}:${line.slice(colon + 2)}`;
  };

  it.each(corpus.cases.map((c, i) => [i, c] as const))("case %i", (_, { message, git }) => {
    expect(parseTrailers(message).map((t) => `${t.key.toLowerCase()}:${t.value}`)).toEqual(git.map(fromGit));
  });
});
