import { describe, expect, it } from "vitest";
import { numberHunk } from "../../../src/core/review/number-hunk.js";

describe("numberHunk", () => {
  it("numbers context and added lines as the new file does, and leaves removed lines a blank gutter", () => {
    const hunk = [
      "@@ -8,4 +8,5 @@ export function list()",
      " const a = 1;",
      "-const b = 2;",
      "+const b = 3;",
      "+const c = 4;",
      " return a;",
      " }",
    ].join("\n");
    expect(numberHunk(hunk).split("\n")).toEqual([
      "@@ -8,4 +8,5 @@ export function list()",
      " 8  const a = 1;",
      "   -const b = 2;",
      " 9 +const b = 3;",
      "10 +const c = 4;",
      "11  return a;",
      "12  }",
    ]);
  });

  it("keeps git's no-newline marker unnumbered, reads a header without counts, and leaves a header it cannot read alone", () => {
    expect(numberHunk("@@ -1 +1 @@\n-a\n+b\n\\ No newline at end of file").split("\n")).toEqual([
      "@@ -1 +1 @@",
      "  -a",
      "1 +b",
      "  \\ No newline at end of file",
    ]);
    expect(numberHunk("not a hunk\n+x")).toBe("not a hunk\n+x");
  });
});
