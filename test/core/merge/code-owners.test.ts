import { describe, expect, it } from "vitest";
import { decideMerge } from "../../../src/core/merge/index.js";
import type { MergeDecisionResult } from "../../../src/core/merge/index.js";
import { ownerGroupsOf, parseCodeowners } from "../../../src/core/owners/index.js";
import { approval, greenInput } from "./merge-fixtures.js";

const high = { task: { risk: "high" as const } };
const reasonOf = (result: MergeDecisionResult): string => ("reason" in result ? result.reason : "");

/** A high-risk task whose PR changes `files`, with the owners a CODEOWNERS file gives them. */
function withCodeowners(codeowners: string, files: string[], approvals: string[]) {
  const ownerGroups = ownerGroupsOf(parseCodeowners(codeowners), files);
  const owners = [...new Set(ownerGroups.flatMap((group) => group.logins))];
  return greenInput({ ...high, owners, ownerGroups, approvals: approvals.map((login) => approval(login)) });
}

/** GitHub's "require review from Code Owners": every changed file with code owners needs one of them. */
describe("decideMerge: code owners", () => {
  const codeowners = ["*            @mona", "/src/auth/   @lisa @sam", "/docs/"].join("\n");

  it("merges once an owner of every owned changed file approved", () => {
    expect(decideMerge(withCodeowners(codeowners, ["src/auth/login.ts", "src/app.ts"], ["sam", "mona"]))).toMatchObject(
      { action: "merge" },
    );
  });

  it("waits when one owned file has no approval from its owners, naming the file and who may approve", () => {
    const result = decideMerge(withCodeowners(codeowners, ["src/auth/login.ts", "src/app.ts"], ["mona"]));
    expect(result).toMatchObject({ action: "wait", waitingFor: ["approvals"] });
    expect(reasonOf(result)).toContain(
      "`src/auth/login.ts` need an approval from @lisa, @sam (CODEOWNERS /src/auth/ (line 2))",
    );
  });

  it("says why a code owner's approval did not count when the file still lacks one", () => {
    // lisa lacks write access: the caller dropped her from the group and named her
    const input = withCodeowners(codeowners, ["src/auth/login.ts"], ["mona", "lisa"]);
    const ownerGroups = (input.ownerGroups ?? []).map((group) => ({
      ...group,
      logins: group.logins.filter((login) => login !== "lisa"),
    }));
    const owners = input.owners.filter((login) => login !== "lisa");
    const result = decideMerge({ ...input, owners: [...owners, "mona"], ownerGroups, withoutWriteAccess: ["lisa"] });
    expect(result).toMatchObject({ action: "wait", waitingFor: ["approvals"] });
    expect(reasonOf(result)).toMatch(/need an approval from @sam .*not counted: lisa has no write access/);
  });

  it("does not let an owner of other files approve a file the last matching rule gives to someone else", () => {
    // mona owns `*`, but /src/auth/ comes later and wins for the auth files
    expect(decideMerge(withCodeowners(codeowners, ["src/auth/login.ts"], ["mona"]))).toMatchObject({ action: "wait" });
  });

  it("needs no code owner for files whose deciding rule names nobody", () => {
    const input = withCodeowners(codeowners, ["docs/guide.md"], ["mona"]);
    expect(input.ownerGroups).toEqual([]);
    expect(decideMerge({ ...input, owners: ["mona"] })).toMatchObject({ action: "merge" });
  });

  it("says when a file is owned only by a team Autopilot cannot read", () => {
    const result = decideMerge(withCodeowners("/src/ @acme/core", ["src/app.ts"], []));
    expect(reasonOf(result)).toContain("@acme/core cannot approve through Autopilot");
  });

  it("changes nothing under `auto`: code owners are asked only where the policy asks for approval", () => {
    const input = withCodeowners(codeowners, ["src/auth/login.ts"], []);
    expect(decideMerge({ ...input, task: { ...input.task, risk: "low" } })).toMatchObject({ action: "merge" });
  });
});
