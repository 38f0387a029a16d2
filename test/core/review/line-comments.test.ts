import { describe, expect, it } from "vitest";
import { commentableLines, riskLineComments } from "../../../src/core/review/index.js";
import { noFindings } from "./review-fixtures.js";

const patch = [
  "@@ -8,4 +8,5 @@",
  " const a = 1;",
  "-const b = 2;",
  "+const b = 3;",
  "+const c = 4;",
  " return a;",
  " }",
].join("\n");

describe("commentableLines", () => {
  it("is the added and context lines of the new version, as GitHub lets a review comment on", () => {
    expect([...commentableLines(patch)]).toEqual([8, 9, 10, 11, 12]);
    expect([...commentableLines("")]).toEqual([]);
  });
});

describe("riskLineComments", () => {
  const risk = (line: number | null, suggestion?: string | null) => ({
    id: "R1",
    severity: "high" as const,
    description: "Unbounded page size, cc @acme/everyone <img src=x>",
    evidence: [{ file: "src/list.ts", line }],
    ...(suggestion === undefined ? {} : { suggestion }),
  });
  const files = [{ filename: "src/list.ts", patch }];

  it("puts a risk on its evidence line when the diff shows it, with the model's text made harmless", () => {
    const [comment] = riskLineComments({ ...noFindings, risks: [risk(9)] }, files);
    expect(comment).toMatchObject({ path: "src/list.ts", line: 9 });
    expect(comment!.body).toContain("**high** `R1`");
    expect(comment!.body).not.toMatch(/(^|\s)@acme\/everyone/);
    expect(comment!.body).not.toContain("<img");
  });

  it("leaves a risk whose line the diff does not show (or that names no line) to the summary comment", () => {
    expect(riskLineComments({ ...noFindings, risks: [risk(3), risk(null)] }, files)).toEqual([]);
    expect(
      riskLineComments(
        { ...noFindings, risks: [{ ...risk(9), evidence: [{ file: "src/other.ts", line: 9 }] }] },
        files,
      ),
    ).toEqual([]);
  });

  it("adds a suggestion GitHub can apply, fenced longer than any backticks inside it", () => {
    const [comment] = riskLineComments(
      { ...noFindings, risks: [risk(9, "const b = Math.min(3, max); // ```")] },
      files,
    );
    expect(comment!.body).toContain("````suggestion\nconst b = Math.min(3, max); // ```\n````");
    expect(riskLineComments({ ...noFindings, risks: [risk(9, null)] }, files)[0]!.body).not.toContain("suggestion");
  });

  it("puts the most severe risks first, in the model's order otherwise, so a cap keeps them", () => {
    const at = (id: string, severity: "low" | "medium" | "high" | "critical") => ({ ...risk(9), id, severity });
    const comments = riskLineComments(
      {
        ...noFindings,
        risks: [at("L1", "low"), at("M1", "medium"), at("C1", "critical"), at("L2", "low"), at("H1", "high")],
      },
      files,
    );
    expect(comments.map((comment) => /`(\w+)`/.exec(comment.body)?.[1])).toEqual(["C1", "H1", "M1", "L1", "L2"]);
  });
});
