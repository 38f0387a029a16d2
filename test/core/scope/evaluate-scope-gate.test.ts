import { describe, expect, it } from "vitest";
import type { ChangedFile } from "../../../src/core/changed-file.js";
import { evaluateScopeGate, type ScopeGateInput } from "../../../src/core/scope/index.js";

const modified = (filename: string, additions = 10, deletions = 0): ChangedFile => ({
  filename,
  status: "modified",
  additions,
  deletions,
});

const renamed = (previous_filename: string, filename: string): ChangedFile => ({
  filename,
  previous_filename,
  status: "renamed",
  additions: 0,
  deletions: 0,
});

const input = (overrides: Partial<ScopeGateInput> = {}): ScopeGateInput => ({
  taskId: "T-12",
  files: [modified("src/widgets/list.ts")],
  scope: ["src/widgets/**", "test/widgets/**"],
  forbidden: [".github/workflows/**", ".env*"],
  budget: { files: 20, lines: 600 },
  locks: [],
  repoFiles: ["src/widgets/list.ts", "src/core/queue.ts", "README.md"],
  ...overrides,
});

const flagged = (result: ReturnType<typeof evaluateScopeGate>) => result.annotations.map((a) => [a.path, a.title]);

describe("evaluateScopeGate: basics", () => {
  it("passes a change inside the scope and budget, with the figures in the title", () => {
    const result = evaluateScopeGate(
      input({ files: [modified("src/widgets/list.ts", 40, 5), modified("test/widgets/list.test.ts", 60)] }),
    );
    expect(result.name).toBe("autopilot/scope");
    expect(result.conclusion).toBe("success");
    expect(result.title).toBe("All 2 changed files in scope; 2/20 files, 105/600 lines");
    expect(result.annotations).toEqual([]);
    expect(result.summary).toContain("`src/widgets/**`, `test/widgets/**`");
    expect(result.summary).toContain("### Outside the task scope: none");
    expect(result.summary).toContain("| files | 2 | 20 | ok |");
    expect(result.summary).toContain("| lines (additions + deletions) | 105 | 600 | ok |");
  });

  it("succeeds with 'No changes' when nothing changed", () => {
    const result = evaluateScopeGate(input({ files: [] }));
    expect(result.conclusion).toBe("success");
    expect(result.title).toBe("No changes");
    expect(result.annotations).toEqual([]);
  });

  it("ignores entries the API lists as unchanged", () => {
    const result = evaluateScopeGate(
      input({ files: [{ filename: "src/core/queue.ts", status: "unchanged", additions: 0, deletions: 0 }] }),
    );
    expect(result).toMatchObject({ conclusion: "success", title: "No changes" });
  });
});

describe("evaluateScopeGate: scope and forbidden paths", () => {
  it("fails on a file outside the scope and annotates it", () => {
    const result = evaluateScopeGate(
      input({ files: [modified("src/widgets/list.ts"), modified("src/core/queue.ts")] }),
    );
    expect(result.conclusion).toBe("failure");
    expect(result.title).toBe("1 file outside scope");
    expect(result.annotations).toEqual([
      {
        path: "src/core/queue.ts",
        start_line: 1,
        end_line: 1,
        annotation_level: "failure",
        title: "Outside task scope",
        message: "Outside scope: src/core/queue.ts is not in the scope of T-12 (src/widgets/**, test/widgets/**).",
      },
    ]);
    expect(result.summary).toContain("### Outside the task scope (1)\n- `src/core/queue.ts`");
  });

  it("lets forbidden win over allowed", () => {
    const result = evaluateScopeGate(
      input({ scope: ["**"], files: [modified(".github/workflows/ci.yml"), modified("src/a.ts")] }),
    );
    expect(result.conclusion).toBe("failure");
    expect(result.title).toBe("1 file in forbidden paths");
    expect(flagged(result)).toEqual([[".github/workflows/ci.yml", "Forbidden path"]]);
    expect(result.annotations[0]?.message).toBe(
      "Forbidden: .github/workflows/ci.yml matches the forbidden pattern .github/workflows/**.",
    );
    expect(result.summary).toContain("- `.github/workflows/ci.yml`: forbidden by `.github/workflows/**`");
  });

  it("catches dotfiles at any depth with an unanchored forbidden pattern", () => {
    const result = evaluateScopeGate(input({ scope: ["services/**"], files: [modified("services/api/.env.local")] }));
    expect(result.conclusion).toBe("failure");
    expect(result.annotations[0]?.message).toContain("forbidden pattern .env*");
  });

  it("reports a file both outside the scope and forbidden under both rules", () => {
    const result = evaluateScopeGate(input({ files: [modified(".github/workflows/ci.yml")] }));
    expect(result.title).toBe("1 file outside scope; 1 file in forbidden paths");
    expect(flagged(result)).toEqual([
      [".github/workflows/ci.yml", "Outside task scope"],
      [".github/workflows/ci.yml", "Forbidden path"],
    ]);
  });

  it("honours carve-outs in the forbidden list", () => {
    const result = evaluateScopeGate(
      input({
        scope: [".github/**"],
        forbidden: [".github/**", "!.github/ISSUE_TEMPLATE/"],
        files: [modified(".github/ISSUE_TEMPLATE/bug.yml")],
      }),
    );
    expect(result.conclusion).toBe("success");
  });
});

describe("evaluateScopeGate: renames", () => {
  it("fails when a file is renamed from outside the scope into it", () => {
    const result = evaluateScopeGate(input({ files: [renamed("src/core/queue.ts", "src/widgets/queue.ts")] }));
    expect(result.conclusion).toBe("failure");
    expect(result.annotations).toHaveLength(1);
    expect(result.annotations[0]).toMatchObject({
      path: "src/widgets/queue.ts",
      message:
        "Outside scope: renamed from src/core/queue.ts, which is not in the scope of T-12 (src/widgets/**, test/widgets/**).",
    });
    expect(result.summary).toContain(
      "`src/widgets/queue.ts` (renamed from `src/core/queue.ts`, which is outside the scope)",
    );
  });

  it("fails when a file is renamed out of the scope", () => {
    const result = evaluateScopeGate(input({ files: [renamed("src/widgets/list.ts", "src/core/list.ts")] }));
    expect(result.conclusion).toBe("failure");
    expect(result.annotations[0]?.message).toBe(
      "Outside scope: src/core/list.ts is not in the scope of T-12 (src/widgets/**, test/widgets/**).",
    );
  });

  it("fails when a forbidden file is renamed away", () => {
    const result = evaluateScopeGate(
      input({ scope: ["**"], files: [renamed(".github/workflows/ci.yml", "ci-old.yml")] }),
    );
    expect(result.conclusion).toBe("failure");
    expect(result.annotations[0]?.message).toBe(
      "Forbidden: renamed from .github/workflows/ci.yml, which matches the forbidden pattern .github/workflows/**.",
    );
  });

  it("passes a rename with both paths in scope", () => {
    const result = evaluateScopeGate(input({ files: [renamed("src/widgets/a.ts", "test/widgets/a.ts")] }));
    expect(result.conclusion).toBe("success");
  });

  it("checks only the new path of a copy, whose source is left as it was", () => {
    const copy: ChangedFile = {
      filename: "src/widgets/queue.ts",
      previous_filename: "src/core/queue.ts",
      status: "copied",
      additions: 0,
      deletions: 0,
    };
    expect(evaluateScopeGate(input({ files: [copy] })).conclusion).toBe("success");
  });
});

describe("evaluateScopeGate: change budget", () => {
  const files = (n: number, lines = 1) => Array.from({ length: n }, (_, i) => modified(`src/widgets/w${i}.ts`, lines));

  it("fails over the files budget with the figures", () => {
    const result = evaluateScopeGate(input({ files: files(3), budget: { files: 2, lines: 600 } }));
    expect(result.conclusion).toBe("failure");
    expect(result.title).toBe("Over budget (3/2 files, 3/600 lines)");
    expect(result.summary).toContain("| files | 3 | 2 | **over by 1** |");
  });

  it("fails over the lines budget, counting additions and deletions", () => {
    const result = evaluateScopeGate(
      input({ files: [modified("src/widgets/a.ts", 400, 150), modified("src/widgets/b.ts", 40, 20)] }),
    );
    expect(result.conclusion).toBe("failure");
    expect(result.title).toBe("Over budget (2/20 files, 610/600 lines)");
    expect(result.summary).toContain("| lines (additions + deletions) | 610 | 600 | **over by 10** |");
  });

  it("passes exactly at the budget", () => {
    const result = evaluateScopeGate(input({ files: files(2, 300), budget: { files: 2, lines: 600 } }));
    expect(result.conclusion).toBe("success");
  });

  it("counts binary files toward the files budget", () => {
    const logo: ChangedFile = {
      filename: "src/widgets/logo.png",
      status: "added",
      additions: 0,
      deletions: 0,
      binary: true,
    };
    const result = evaluateScopeGate(
      input({ files: [modified("src/widgets/a.ts"), logo], budget: { files: 1, lines: 600 } }),
    );
    expect(result.conclusion).toBe("failure");
    expect(result.title).toBe("Over budget (2/1 files, 10/600 lines)");
  });
});

describe("evaluateScopeGate: lock overlap", () => {
  it("fails when another in-progress task holds an overlapping scope, naming it", () => {
    const result = evaluateScopeGate(input({ locks: [{ taskId: "T-3", scope: ["src/**"] }] }));
    expect(result.conclusion).toBe("failure");
    expect(result.title).toBe("Lock overlap with T-3");
    expect(result.annotations).toEqual([
      expect.objectContaining({
        path: "src/widgets/list.ts",
        title: "Lock overlap with T-3",
        message: "Lock overlap with T-3: src/widgets/list.ts is also in the scope of in-progress task T-3 (src/**).",
      }),
    ]);
    expect(result.summary).toContain("**T-3** (scope `src/**`)");
    expect(result.summary).toContain("Examples: `src/widgets/list.ts`.");
  });

  it("fails on overlapping scopes even when this change stays clear of the overlap", () => {
    const result = evaluateScopeGate(
      input({
        files: [modified("test/widgets/list.test.ts")],
        locks: [{ taskId: "T-5", scope: ["src/widgets/new-dir/**"] }],
      }),
    );
    expect(result.conclusion).toBe("failure");
    expect(result.title).toBe("Lock overlap with T-5");
    expect(result.annotations).toEqual([]);
    expect(result.summary).toContain("`src/widgets/new-dir/**`");
  });

  it("flags a change that writes into another task's scope outside its own", () => {
    const result = evaluateScopeGate(
      input({ files: [modified("docs/guide.md")], locks: [{ taskId: "T-9", scope: ["docs/**"] }] }),
    );
    expect(result.title).toBe("1 file outside scope; lock overlap with T-9");
    expect(flagged(result)).toEqual([
      ["docs/guide.md", "Outside task scope"],
      ["docs/guide.md", "Lock overlap with T-9"],
    ]);
  });

  it("names every conflicting task and ignores the others", () => {
    const result = evaluateScopeGate(
      input({
        locks: [
          { taskId: "T-3", scope: ["src/gadgets/**"] },
          { taskId: "T-4", scope: ["**/*.ts"] },
          { taskId: "T-6", scope: ["test/**"] },
        ],
      }),
    );
    expect(result.title).toBe("Lock overlap with T-4, T-6");
    expect(result.summary).toContain("Other in-progress tasks: T-3, T-4, T-6");
    expect(result.summary).not.toContain("**T-3**");
  });

  it("passes when other tasks hold disjoint scopes", () => {
    const result = evaluateScopeGate(
      input({
        locks: [
          { taskId: "T-3", scope: ["src/gadgets/**"] },
          { taskId: "T-4", scope: ["docs/**"] },
        ],
      }),
    );
    expect(result.conclusion).toBe("success");
    expect(result.summary).toContain("scopes of 2 other in-progress tasks");
  });

  it("does not treat the task's own lock as a conflict", () => {
    const result = evaluateScopeGate(input({ locks: [{ taskId: "T-12", scope: ["src/widgets/**"] }] }));
    expect(result.conclusion).toBe("success");
  });

  it("treats a lock whose scope cannot be read as a conflict", () => {
    const result = evaluateScopeGate(input({ locks: [{ taskId: "T-8", scope: ["src\\widgets"] }] }));
    expect(result.conclusion).toBe("failure");
    expect(result.title).toBe("Lock overlap with T-8");
    expect(result.summary).toMatch(/backslash.*overlap cannot be ruled out/);
  });
});

describe("evaluateScopeGate: honest failures", () => {
  it("fails when the change could not be read entirely, even if what was read is clean", () => {
    const result = evaluateScopeGate(input({ incomplete: "the pull request has more than 3,000 files" }));
    expect(result.conclusion).toBe("failure");
    expect(result.title).toBe("Change not read entirely");
    expect(result.summary).toContain("could not be read entirely (the pull request has more than 3,000 files)");
  });

  it("fails an incomplete change with no files read", () => {
    const result = evaluateScopeGate(input({ files: [], incomplete: "compare API returned no file list" }));
    expect(result.conclusion).toBe("failure");
  });

  it("puts the incomplete reason first among other findings", () => {
    const result = evaluateScopeGate(input({ files: [modified("src/core/queue.ts")], incomplete: "too many commits" }));
    expect(result.title).toBe("Change not read entirely; 1 file outside scope");
  });

  it("fails with every unusable pattern listed and how to fix it", () => {
    const result = evaluateScopeGate(input({ scope: ["src\\widgets\\**"], forbidden: ["../secrets/**"] }));
    expect(result.conclusion).toBe("failure");
    expect(result.title).toBe("Invalid patterns in scope or forbidden list");
    expect(result.summary).toContain("scope pattern `src\\widgets\\**` contains a backslash");
    expect(result.summary).toContain("forbidden pattern `../secrets/**` contains `..`");
  });
});

describe("evaluateScopeGate: summary rendering", () => {
  it("keeps odd file names from breaking the markdown", () => {
    const result = evaluateScopeGate(input({ files: [modified("docs/`x`\n# heading.md")] }));
    expect(result.summary).toContain("- ``docs/`x`\\u000a# heading.md``");
    expect(result.summary).not.toContain("\n# heading");
  });

  it("lists at most 50 paths per category and says how many more", () => {
    const files = Array.from({ length: 60 }, (_, i) => modified(`lib/f${i}.ts`, 1));
    const result = evaluateScopeGate(input({ files, budget: { files: 100, lines: 600 } }));
    expect(result.title).toBe("60 files outside scope");
    expect(result.annotations).toHaveLength(60);
    expect(result.summary).toContain("### Outside the task scope (60)");
    expect(result.summary).toContain("- … and 10 more");
    expect(result.summary).not.toContain("`lib/f55.ts`");
  });
});

describe("configured forbidden defaults", () => {
  it("cannot be lifted by a negation in the task's own forbidden list", () => {
    const result = evaluateScopeGate(
      input({
        scope: ["**"],
        forbidden: ["!.github/workflows/**"],
        forbiddenDefaults: [".github/workflows/**"],
        files: [modified(".github/workflows/ci.yml")],
      }),
    );
    expect(result.conclusion).toBe("failure");
    expect(result.annotations.map((a) => a.path)).toContain(".github/workflows/ci.yml");
  });

  it("apply next to the task's forbidden globs", () => {
    const result = evaluateScopeGate(
      input({
        scope: ["**"],
        forbidden: ["secrets/**"],
        forbiddenDefaults: ["ops/queue.jsonl"],
        files: [modified("ops/queue.jsonl"), modified("secrets/a.txt"), modified("src/ok.ts")],
      }),
    );
    expect(result.annotations.map((a) => a.path).sort()).toEqual(["ops/queue.jsonl", "secrets/a.txt"]);
  });
});
