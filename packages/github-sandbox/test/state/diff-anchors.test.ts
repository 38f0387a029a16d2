import { describe, expect, it } from "vitest";
import { anchorComment, followLine, parsePatch, toSentence } from "../../src/state/index.js";

const patch = [
  "@@ -2,4 +2,5 @@ fn",
  " two",
  "-three",
  "+THREE",
  "+three and a half",
  " four",
  "@@ -10,2 +11,2 @@",
  " ten",
  "-eleven",
  "+ELEVEN",
].join("\n");

describe("diff anchors", () => {
  it("numbers each patch line: position below the first @@, old and new lines", () => {
    const lines = parsePatch(patch);
    expect(
      lines.map((line) => [line.position, line.kind, line.oldLine ?? null, line.newLine ?? null, line.hunk]),
    ).toEqual([
      [0, "@", null, null, 0],
      [1, " ", 2, 2, 0],
      [2, "-", 3, null, 0],
      [3, "+", null, 3, 0],
      [4, "+", null, 4, 0],
      [5, " ", 4, 5, 0],
      [6, "@", null, null, 1],
      [7, " ", 10, 11, 1],
      [8, "-", 11, null, 1],
      [9, "+", null, 12, 1],
    ]);
  });

  it("anchors RIGHT on added or context lines and LEFT on deleted or context lines, with the hunk up to the line", () => {
    expect(anchorComment(patch, { line: 4 })).toMatchObject({
      ok: true,
      side: "RIGHT",
      position: 4,
      diffHunk: patch.split("\n").slice(0, 5).join("\n"),
    });
    expect(anchorComment(patch, { line: 3, side: "LEFT" })).toMatchObject({ ok: true, side: "LEFT", position: 2 });
    expect(anchorComment(patch, { line: 12, startLine: 11 })).toMatchObject({
      ok: true,
      startLine: 11,
      startSide: "RIGHT",
      diffHunk: patch.split("\n").slice(6).join("\n"),
    });
    expect(anchorComment(patch, { position: 8 })).toMatchObject({ ok: true, side: "LEFT", line: 11 });
    expect(anchorComment(patch, { line: 8 })).toEqual({
      ok: false,
      problems: [
        "Pull request review thread line must be part of the diff",
        "Pull request review thread diff hunk can't be blank",
      ],
    });
    expect(anchorComment(patch, { line: 12, startLine: 4 })).toEqual({
      ok: false,
      problems: ["Pull request review thread start line must be part of the same hunk as the line."],
    });
    expect(anchorComment(undefined, { line: 4 }).ok).toBe(false);
    expect(anchorComment(patch, { position: 6 }).ok).toBe(false); // a hunk header takes no comment
  });

  it("joins problems as Rails' to_sentence does", () => {
    expect(toSentence(["a"])).toBe("a");
    expect(toSentence(["a", "b"])).toBe("a and b");
    expect(toSentence(["a", "b", "c"])).toBe("a, b, and c");
  });

  it("follows a line through a later change, or reports it changed", () => {
    // from the new file above: line 3 rewritten, a line inserted above line 11
    const later = ["@@ -1,4 +1,5 @@", " one", "+one and a half", " two", "-THREE", "+3", " three and a half"].join(
      "\n",
    );
    expect(followLine(later, 2)).toBe(3);
    expect(followLine(later, 3)).toBeUndefined();
    expect(followLine(later, 4)).toBe(5);
    expect(followLine(later, 11)).toBe(12);
    expect(followLine(undefined, 7)).toBe(7);
  });
});
