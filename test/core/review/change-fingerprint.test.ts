import { describe, expect, it } from "vitest";
import { changeFingerprint } from "../../../src/core/review/index.js";

describe("changeFingerprint", () => {
  const at = (start: number, added: string) => [
    { filename: "src/list.ts", status: "modified", patch: `@@ -${start},2 +${start},3 @@\n context\n+${added}\n-old` },
  ];

  it("is the same when only the base moved (hunk positions, context), and differs when the PR's own lines do", () => {
    expect(changeFingerprint(at(10, "new line"))).toBe(
      changeFingerprint([
        { ...at(40, "new line")[0]!, patch: at(40, "new line")[0]!.patch.replace(" context", " other context") },
      ]),
    );
    expect(changeFingerprint(at(10, "new line"))).not.toBe(changeFingerprint(at(10, "another line")));
    expect(
      changeFingerprint([...at(10, "x"), { filename: "src/b.ts", status: "added", patch: "@@ -0,0 +1 @@\n+b" }]),
    ).toBe(changeFingerprint([{ filename: "src/b.ts", status: "added", patch: "@@ -0,0 +1 @@\n+b" }, ...at(10, "x")]));
  });

  it("is undefined when a file's content is unknown (no patch): such a review is never carried over", () => {
    expect(changeFingerprint([{ filename: "logo.png", status: "modified", patch: undefined }])).toBeUndefined();
  });
});
