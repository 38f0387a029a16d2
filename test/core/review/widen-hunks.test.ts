import { describe, expect, it } from "vitest";
import { widenPatch } from "../../../src/core/review/widen-hunks.js";

const file = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);

describe("widenPatch", () => {
  it("adds lines of the new file above and below each hunk, with headers that keep the new numbering", () => {
    const newText = [...file.slice(0, 9), "inserted", ...file.slice(9)].join("\n");
    const patch = "@@ -8,4 +8,5 @@ function list()\n line 8\n line 9\n+inserted\n line 10\n line 11";
    expect(widenPatch(patch, newText, 3).split("\n")).toEqual([
      "@@ -5,10 +5,11 @@ function list()",
      " line 5",
      " line 6",
      " line 7",
      " line 8",
      " line 9",
      "+inserted",
      " line 10",
      " line 11",
      " line 12",
      " line 13",
      " line 14",
    ]);
  });

  it("stops at the file's edges and never widens a hunk into its neighbour", () => {
    const newText = file.join("\n");
    const patch = "@@ -1,2 +1,2 @@\n line 1\n-old\n+line 2\n@@ -5,2 +5,2 @@\n line 5\n-was\n+line 6";
    const widened = widenPatch(patch, newText, 10).split("\n");
    expect(widened[0]).toBe("@@ -1,4 +1,4 @@");
    expect(widened.slice(1, 6)).toEqual([" line 1", "-old", "+line 2", " line 3", " line 4"]);
    // the lines between the hunks went to the first: the second starts where it did
    expect(widened).toContain("@@ -5,12 +5,12 @@");
    expect(widened.filter((line) => line === " line 3")).toHaveLength(1);
    expect(widened.at(-1)).toBe(" line 16");
  });

  it("leaves a patch it cannot read, or no widening asked for, as it is", () => {
    expect(widenPatch("Binary files differ", "x", 5)).toBe("Binary files differ");
    expect(widenPatch("@@ -1 +1 @@\n-a\n+b", "b", 0)).toBe("@@ -1 +1 @@\n-a\n+b");
  });
});
