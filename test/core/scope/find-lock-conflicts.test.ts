import { describe, expect, it } from "vitest";
import { findLockConflicts, ScopePatternError } from "../../../src/core/scope/index.js";

const conflictsWith = (scope: string[], other: string[], repoFiles: string[] = []): string[] =>
  findLockConflicts(scope, [{ taskId: "T-7", scope: other }], repoFiles).map((c) => c.taskId);

describe("findLockConflicts on paths that do not exist yet", () => {
  it.each([
    [["src/widgets/**"], ["src/**"], true],
    [["src/**"], ["src/widgets/**"], true],
    [["src/a/**"], ["src/b/**"], false],
    [["**/*.md"], ["docs/**"], true],
    [["docs/**"], ["*.md"], true],
    [["**/*.md"], ["src/**/*.ts"], false],
    [["src/*.ts"], ["src/*.md"], false],
    [["src/*"], ["src/*.md"], true],
    [["src/widgets"], ["src/widgets-old/**"], false],
    [["src/widgets"], ["src/widgets/list.ts"], true],
    [["docs/"], ["docs"], true],
    [["/README.md"], ["/LICENSE"], false],
    [["README.md"], ["docs/**"], true],
    [["/package.json"], ["src/**/*.ts"], false],
    [["package.json"], ["src/**"], true],
    [["CHANGELOG.md"], ["src/gadgets/**"], true],
    [["/CHANGELOG.md"], ["src/gadgets/**"], false],
    [["test/widgets/**"], ["test/**/*.test.ts"], true],
    [[".github/**"], [".github/workflows/ci.yml"], true],
    [["{src,test}/widgets/**"], ["test/widgets/fixtures/**"], true],
    [["src/**/*.ts"], ["src/**/*.md"], false],
    [["src/**/*.ts"], ["src/**/index.*"], true],
    [["**"], ["anything/at/all"], true],
    [["src/widgets/**"], ["src/widgets/**"], true],
  ])("%j vs %j in an empty repository: conflict %s", (scope, other, expected) => {
    expect(conflictsWith(scope, other)).toEqual(expected ? ["T-7"] : []);
  });

  it("names the overlapping new paths", () => {
    const [conflict] = findLockConflicts(["src/widgets/**"], [{ taskId: "T-3", scope: ["src/**"] }], []);
    expect(conflict?.taskId).toBe("T-3");
    expect(conflict?.paths).toEqual(["src/widgets/**"]);
    expect(conflict?.reason).toContain("T-3");

    const [docs] = findLockConflicts(["**/*.md"], [{ taskId: "T-4", scope: ["docs/**"] }], []);
    expect(docs?.paths).toEqual(["docs/**/*.md"]);
  });
});

describe("findLockConflicts on the repository's files", () => {
  const repoFiles = ["src/widgets/list.ts", "src/core/queue.ts", "docs/guide.md", "README.md"];

  it("reports existing files matched by both scopes as examples", () => {
    const conflicts = findLockConflicts(
      ["src/widgets/**", "docs/**"],
      [{ taskId: "T-2", scope: ["**/*.ts"] }],
      repoFiles,
    );
    expect(conflicts).toEqual([
      { taskId: "T-2", paths: ["src/widgets/list.ts"], reason: expect.stringContaining("1 existing file is in both") },
    ]);
  });

  it("caps the examples at five and says how many there are", () => {
    const many = Array.from({ length: 12 }, (_, i) => `src/widgets/w${i}.ts`);
    const [conflict] = findLockConflicts(["src/widgets/**"], [{ taskId: "T-2", scope: ["src/**"] }], many);
    expect(conflict?.paths).toHaveLength(5);
    expect(conflict?.reason).toContain("12 existing files are in both");
  });

  it("respects carve-outs: a path excluded by a negation is not held", () => {
    expect(conflictsWith(["src/**", "!src/b/**"], ["src/b/**"], ["src/b/x.ts", "src/a/y.ts"])).toEqual([]);
    expect(conflictsWith(["src/b/**"], ["src/**", "!src/b/"], ["src/b/x.ts"])).toEqual([]);
  });

  it("still conflicts when a later pattern takes a carved-out path back", () => {
    expect(conflictsWith(["src/**", "!src/b/**", "src/b/keep/**"], ["src/b/**"])).toEqual(["T-7"]);
  });

  it("is conservative about negations it cannot reason about", () => {
    // `!**/*.gen.ts` cannot be proven to cover `src/b/**`, so the overlap stands.
    expect(conflictsWith(["src/**", "!**/*.gen.ts"], ["src/b/**"])).toEqual(["T-7"]);
  });
});

describe("findLockConflicts with several tasks", () => {
  it("names only the conflicting tasks, in the order given", () => {
    const conflicts = findLockConflicts(
      ["src/widgets/**", "test/widgets/**"],
      [
        { taskId: "T-3", scope: ["src/gadgets/**"] },
        { taskId: "T-4", scope: ["test/**"] },
        { taskId: "T-5", scope: ["docs/**"] },
        { taskId: "T-6", scope: ["src/widgets/list.ts"] },
      ],
      ["src/widgets/list.ts"],
    );
    expect(conflicts.map((c) => c.taskId)).toEqual(["T-4", "T-6"]);
    expect(conflicts[1]?.paths).toEqual(["src/widgets/list.ts"]);
  });

  it("reports a task whose scope cannot be read as a conflict", () => {
    const [conflict] = findLockConflicts(["docs/**"], [{ taskId: "T-8", scope: ["src\\widgets"] }], []);
    expect(conflict?.taskId).toBe("T-8");
    expect(conflict?.reason).toMatch(/backslash.*overlap cannot be ruled out/);
  });

  it("throws when this task's own scope cannot be read", () => {
    expect(() => findLockConflicts(["../x/**"], [], [])).toThrow(ScopePatternError);
  });
});
