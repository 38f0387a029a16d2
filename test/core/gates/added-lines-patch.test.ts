import { describe, expect, it } from "vitest";
import { addedLinesPatch } from "../../../src/core/gates/index.js";
import { scanPatch } from "../../../src/core/secrets/index.js";
import { fakeGithubToken } from "../../helpers/fake-credentials.js";

describe("addedLinesPatch", () => {
  it("is every line of a new file, numbered as at head", () => {
    expect(addedLinesPatch("", "one\ntwo\n")).toBe("@@ -0,0 +1,2 @@\n+one\n+two");
  });

  it("keeps the lines base already had, and groups the added ones in runs with head's line numbers", () => {
    expect(addedLinesPatch("a\nb\nc\n", "a\nx\nb\ny\nz\nc")).toBe("@@ -0,0 +2,1 @@\n+x\n@@ -0,0 +4,2 @@\n+y\n+z");
  });

  it("counts a repeated line as added when head holds it more often than base", () => {
    expect(addedLinesPatch("same\n", "same\nsame\n")).toBe("@@ -0,0 +2,1 @@\n+same");
  });

  it("adds nothing for lines that only moved or were removed", () => {
    expect(addedLinesPatch("a\nb\nc\n", "c\na\n")).toBe("");
  });

  it("reads CRLF lines as their text", () => {
    expect(addedLinesPatch("a\r\n", "a\r\nb\r\n")).toBe("@@ -0,0 +2,1 @@\n+b");
  });

  it("gives the secret scan head's line number of a credential", () => {
    const key = fakeGithubToken();
    const patch = addedLinesPatch("x\ny\n", `x\nconst id = "${key}";\ny\n`);
    expect(scanPatch("big.ts", patch).map((finding) => finding.line)).toEqual([2]);
  });
});
