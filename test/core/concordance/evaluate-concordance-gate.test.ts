import { describe, expect, it } from "vitest";
import type { ChangedFile } from "../../../src/core/changed-file.js";
import { evaluateConcordanceGate, loadBlueprintIndex } from "../../../src/core/concordance/index.js";
import type { ConcordanceGateInput } from "../../../src/core/concordance/index.js";

const { index } = loadBlueprintIndex([
  {
    path: "docs/blueprints/nt-index.json",
    text: JSON.stringify({
      items: [
        { id: "NT-0001", title: "List widgets" },
        { id: "NT-0012", title: "Paginate" },
      ],
    }),
  },
  {
    path: "docs/blueprints/td-index.json",
    text: JSON.stringify({ items: [{ id: "TD-0042", title: "Widget store" }], wbs: [{ id: "WBS-003" }] }),
  },
]);

const file = (filename: string, status: ChangedFile["status"] = "modified"): ChangedFile => ({
  filename,
  status,
  additions: 1,
  deletions: 0,
});

const traced = "Add widget list\n\nTask: T-12\nRefs: NT-0001, TD-0042\n";

function gate(overrides: Partial<ConcordanceGateInput> = {}) {
  return evaluateConcordanceGate({
    taskId: "T-12",
    commits: [{ sha: "a1b2c3d4e5f60718", message: traced }],
    files: [file("src/widgets/list.ts"), file("docs/widgets.md")],
    index,
    indexErrors: [],
    taskRefs: ["NT-0001", "TD-0042"],
    requireTrailers: true,
    exemptPaths: ["docs/**", "ops/**"],
    ...overrides,
  });
}

describe("evaluateConcordanceGate: success", () => {
  it("passes when every commit traces to known ids and the declared refs are covered", () => {
    const result = gate();
    expect(result.name).toBe("autopilot/concordance");
    expect(result.conclusion).toBe("success");
    expect(result.title).toBe("2 blueprint ids traced by 1 commit");
    expect(result.annotations).toEqual([]);
    expect(result.summary).toContain("| `a1b2c3d` | Add widget list | `T-12` | `NT-0001`, `TD-0042` | — | ok |");
    expect(result.summary).toContain("1 changed path is exempt");
  });

  it("accepts WBS trailers as refs and exempts merge commits", () => {
    const result = gate({
      taskRefs: ["WBS-003"],
      commits: [
        { sha: "1111111aaaa", message: "Scaffold\n\nTask: T-12\nWBS: WBS-003\n" },
        { sha: "2222222bbbb", message: "Merge branch 'main' into autopilot/T-12-widgets\n" },
      ],
    });
    expect(result.conclusion).toBe("success");
    expect(result.summary).toContain("merge commit, exempt");
  });

  it("passes when only exempt paths changed and nothing is declared", () => {
    const result = gate({
      taskRefs: [],
      commits: [{ sha: "abc", message: "Docs" }],
      files: [file("docs/a.md")],
      requireTrailers: false,
    });
    expect(result.conclusion).toBe("success");
    expect(result.title).toBe("nothing to trace");
  });
});

describe("evaluateConcordanceGate: unknown ids and tasks", () => {
  it("fails on an id missing from the indices, naming the commit and the id", () => {
    const result = gate({
      commits: [{ sha: "a1b2c3d4e5f60718", message: "Add\n\nTask: T-12\nRefs: NT-0001, TD-0042, NT-0404\n" }],
    });
    expect(result.conclusion).toBe("failure");
    expect(result.title).toBe("unknown id NT-0404 in a1b2c3d");
    expect(result.summary).toContain("| `a1b2c3d` | `NT-0404` | not in the blueprint indices |");
  });

  it("counts an unknown id named by several commits once in the title, and lists each commit", () => {
    const bad = "Add\n\nTask: T-12\nRefs: NT-0001, TD-0042, NT-0404\n";
    const result = gate({
      commits: [
        { sha: "a1b2c3d4", message: bad },
        { sha: "b2c3d4e5", message: bad },
      ],
    });
    expect(result.title).toBe("unknown id NT-0404 in 2 commits");
    expect(result.summary).toContain("| `b2c3d4e` | `NT-0404` |");
  });

  it("suggests the padded id when only the zeros differ", () => {
    const result = gate({ commits: [{ sha: "a1b2c3d4", message: "Add\n\nTask: T-12\nRefs: NT-1, TD-0042\n" }] });
    expect(result.conclusion).toBe("failure");
    expect(result.summary).toContain("(did you mean `NT-0001`?)");
  });

  it("fails when a Task trailer names another task", () => {
    const result = gate({
      commits: [
        { sha: "a1b2c3d4", message: traced },
        { sha: "b2c3d4e5", message: "Oops\n\nTask: T-13\nRefs: NT-0001\n" },
      ],
    });
    expect(result.conclusion).toBe("failure");
    expect(result.title).toBe("b2c3d4e names task T-13");
    expect(result.summary).toContain("This pull request is `T-12`.");
  });

  it("compares task ids without regard to the prefix case", () => {
    expect(gate({ commits: [{ sha: "a1", message: "A\n\ntask: t-12\nRefs: NT-0001, TD-0042\n" }] }).conclusion).toBe(
      "success",
    );
  });

  it("does not check Task trailers on a pull request that is not a task", () => {
    const result = gate({
      taskId: undefined,
      taskRefs: [],
      commits: [{ sha: "a1", message: "Fix\n\nTask: T-99\nRefs: NT-0001\n" }],
    });
    expect(result.conclusion).toBe("success");
    expect(result.summary).toContain("Not a task pull request");
  });

  it("warns about tokens that are not ids", () => {
    const result = gate({ commits: [{ sha: "a1b2c3d4", message: "A\n\nTask: T-12\nRefs: NT-0001, TD-0042, #77\n" }] });
    expect(result.conclusion).toBe("neutral");
    expect(result.title).toBe("malformed ref #77");
  });
});

describe("evaluateConcordanceGate: required trailers", () => {
  it("lists the commits without trailers, saying what each lacks", () => {
    const result = gate({
      commits: [
        { sha: "a1b2c3d4", message: traced },
        { sha: "b2c3d4e5", message: "wip" },
        { sha: "c3d4e5f6", message: "Tests\n\nTask: T-12\n" },
      ],
    });
    expect(result.conclusion).toBe("failure");
    expect(result.title).toBe("2 commits without trailers");
    expect(result.summary).toContain("| `b2c3d4e` | wip | — | — | — | missing Task, Refs/WBS |");
    expect(result.summary).toContain("| `c3d4e5f` | Tests | `T-12` | — | — | missing Refs/WBS |");
  });

  it("requires only Refs/WBS on a pull request that is not a task", () => {
    const result = gate({
      taskId: undefined,
      taskRefs: [],
      commits: [{ sha: "a1", message: "Fix\n\nRefs: NT-0001\n" }],
    });
    expect(result.conclusion).toBe("success");
  });

  it("does not require trailers when the config says so", () => {
    const result = gate({
      requireTrailers: false,
      commits: [
        { sha: "a1b2c3d4", message: traced },
        { sha: "b2c3d4e5", message: "wip" },
      ],
    });
    expect(result.conclusion).toBe("success");
  });
});

describe("evaluateConcordanceGate: untraced paths (judged on the whole pull request)", () => {
  const untracedCommits = [{ sha: "a1b2c3d4", message: "Add widget list\n\nTask: T-12\n" }];
  const files = [
    file("src/widgets/list.ts"),
    file("src/old.ts", "removed"),
    file("docs/widgets.md"),
    file("ops/tasks/T-12.md"),
  ];

  it("fails with one failure annotation per untraced, present file when trailers are required", () => {
    const result = gate({ commits: untracedCommits, files });
    expect(result.conclusion).toBe("failure");
    expect(result.summary).toContain("### Untraced paths");
    expect(result.summary).toContain("| `src/widgets/list.ts` | modified |");
    expect(result.summary).toContain("| `src/old.ts` | removed |");
    expect(result.summary).not.toContain("`docs/widgets.md` |");
    expect(result.annotations).toEqual([
      expect.objectContaining({ path: "src/widgets/list.ts", start_line: 1, end_line: 1, annotation_level: "failure" }),
    ]);
  });

  it("warns (neutral) when trailers are optional but the task declared refs", () => {
    const result = gate({ commits: untracedCommits, files, requireTrailers: false });
    expect(result.conclusion).toBe("neutral");
    expect(result.annotations.map((a) => a.annotation_level)).toEqual(["warning"]);
    expect(result.title).toContain("2 untraced paths");
  });

  it("only informs when trailers are optional and nothing was declared", () => {
    const result = gate({ commits: untracedCommits, files, requireTrailers: false, taskRefs: [] });
    expect(result.conclusion).toBe("success");
    expect(result.title).toBe("no blueprint ids named (not required)");
    expect(result.annotations).toEqual([]);
    expect(result.summary).toContain("for information only");
  });

  it("treats every path as traced once any commit carries a known id", () => {
    const result = gate({
      commits: [
        { sha: "a1b2c3d4", message: "Add\n\nTask: T-12\nRefs: NT-0001, TD-0042\n" },
        { sha: "b2c3d4e5", message: "More\n\nTask: T-12\n" },
      ],
      files: [file("src/a.ts"), file("src/b.ts")],
      requireTrailers: false,
    });
    expect(result.conclusion).toBe("success");
    expect(result.annotations).toEqual([]);
  });

  it("does not count unknown ids as tracing", () => {
    const result = gate({ commits: [{ sha: "a1b2c3d4", message: "Add\n\nTask: T-12\nRefs: NT-0404\n" }] });
    expect(result.annotations.map((a) => a.path)).toEqual(["src/widgets/list.ts"]);
  });

  it("matches exempt globs against dot paths", () => {
    const result = gate({
      commits: untracedCommits,
      files: [file(".github/workflows/ci.yml")],
      exemptPaths: ["**/*.yml"],
    });
    expect(result.summary).not.toContain("### Untraced paths");
    expect(result.summary).toContain("1 changed path is exempt");
  });

  it("reads exempt globs like task scopes: a bare name matches at any depth, `dir/` everything below", () => {
    const result = gate({
      commits: untracedCommits,
      files: [file("packages/a/CHANGELOG.md"), file("vendor/lib/x.js")],
      exemptPaths: ["CHANGELOG.md", "vendor/"],
    });
    expect(result.summary).not.toContain("### Untraced paths");
    expect(result.summary).toContain("2 changed paths are exempt");
  });
});

describe("evaluateConcordanceGate: declared refs", () => {
  const partial = [{ sha: "a1b2c3d4", message: "Add\n\nTask: T-12\nRefs: NT-0001\n" }];

  it("fails when a declared ref is named by no commit and trailers are required", () => {
    const result = gate({ commits: partial });
    expect(result.conclusion).toBe("failure");
    expect(result.title).toBe("declared TD-0042 not covered");
    expect(result.summary).toContain("| `TD-0042` | Widget store |");
  });

  it("only warns when trailers are optional", () => {
    const result = gate({ commits: partial, requireTrailers: false });
    expect(result.conclusion).toBe("neutral");
  });

  it("notes a declared ref that is not in the indices", () => {
    const result = gate({ commits: partial, taskRefs: ["NT-0001", "NT-0777"] });
    expect(result.summary).toContain("| `NT-0777` | not in the blueprint indices |");
  });
});

describe("evaluateConcordanceGate: unreadable index", () => {
  const broken = loadBlueprintIndex([{ path: "docs/blueprints/nt-index.json", text: "{ not json" }]);

  it("fails with the file's problem when ids need verifying, instead of passing silently", () => {
    const result = gate({ index: broken.index, indexErrors: broken.errors });
    expect(result.conclusion).toBe("failure");
    expect(result.title).toContain("blueprint index problem");
    expect(result.summary).toContain("docs/blueprints/nt-index.json: invalid JSON");
    expect(result.summary).toContain("could not be read entirely");
    // the ids may well exist: the paths are not reported untraced on top
    expect(result.annotations).toEqual([]);
  });

  it("fails when the index is missing altogether and ids are used", () => {
    const missing = loadBlueprintIndex([]);
    const result = gate({ index: missing.index, indexErrors: missing.errors, requireTrailers: false });
    expect(result.conclusion).toBe("failure");
    expect(result.summary).toContain("no blueprint index found");
  });

  it("only warns when no id is used, none declared and trailers are optional", () => {
    const result = gate({
      index: broken.index,
      indexErrors: broken.errors,
      requireTrailers: false,
      taskRefs: [],
      commits: [{ sha: "a1", message: "Fix typo" }],
    });
    expect(result.conclusion).toBe("neutral");
    expect(result.summary).toContain("no id needed verifying");
  });
});

describe("evaluateConcordanceGate: honest about what it could not see", () => {
  it("fails an incomplete change even when everything it saw is traced", () => {
    const result = gate({ incomplete: "the pull request has more than 250 commits" });
    expect(result.conclusion).toBe("failure");
    expect(result.title).toBe("change not read entirely: the pull request has more than 250 commits");
    expect(result.summary).toContain("**The change could not be read entirely**");
  });
});

describe("evaluateConcordanceGate: output hygiene", () => {
  it("escapes commit subjects so they cannot break the table or inject HTML", () => {
    const result = gate({
      commits: [{ sha: "a1b2c3d4", message: "Use a|b <img src=x>\n\nTask: T-12\nRefs: NT-0001, TD-0042\n" }],
    });
    expect(result.summary).toContain("Use a\\|b &lt;img src=x&gt;");
    expect(result.summary).not.toContain("<img");
  });

  it("keeps the title on one short line", () => {
    const long = `T-${"9".repeat(400)}`;
    const result = gate({ commits: [{ sha: "a1b2c3d4", message: `A\n\nTask: ${long}\nRefs: NT-0001, TD-0042\n` }] });
    expect(result.title.length).toBeLessThanOrEqual(150);
    expect(result.title).not.toContain("\n");
  });

  it("caps long tables so the summary stays under GitHub's limit", () => {
    const files = Array.from({ length: 3000 }, (_, i) => file(`src/generated/file-${i}.ts`));
    const result = gate({ commits: [{ sha: "a1", message: "Gen\n\nTask: T-12\n" }], files });
    expect(result.summary.length).toBeLessThan(65_535);
    expect(result.summary).toContain("…and 2900 more.");
    expect(result.annotations).toHaveLength(3000);
  });
});
