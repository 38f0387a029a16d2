import { describe, expect, it } from "vitest";
import { defaultConfig, parseConfig } from "../../../src/config/index.js";
import type { ChangedFile } from "../../../src/core/changed-file.js";
import { controlPaths, runGates, type RunGatesInput } from "../../../src/core/gates/index.js";
import { renderTaskFile, taskFileEdits, type TaskFileFrontMatter } from "../../../src/core/task/index.js";

const modified = (filename: string): ChangedFile & { patch: string } => ({
  filename,
  status: "modified",
  additions: 1,
  deletions: 0,
  patch: "@@ -1 +1,2 @@\n+x",
});

const recorded = {
  id: "T-7",
  issue: 7,
  branch: "autopilot/T-7-list-widgets",
  pr: 9,
  scope: ["**"],
  forbidden: [],
  risk: "low" as const,
  mode: "full" as const,
  refs: [],
  acceptance: ["GET /widgets returns the list"],
  tests: ["npm test"],
};
const { pr: _pr, ...spec } = recorded;
const front: TaskFileFrontMatter = { ...spec, title: "List widgets" };

function scopeOf(overrides: Partial<RunGatesInput>) {
  const files = overrides.files ?? [];
  const results = runGates({
    config: defaultConfig(),
    task: recorded,
    files,
    patches: files,
    commits: [],
    indexFiles: [],
    queueText: "",
    repoFiles: [],
    ...overrides,
  } as RunGatesInput);
  return results[0]!;
}

describe("controlPaths: Autopilot's own files are forbidden to every task", () => {
  it("names the task folder, the queue, the decisions, the configuration, code owners, workflows, actions and indices", () => {
    const config = parseConfig(
      "task_dir: work/tasks\nqueue_file: state/q.jsonl\nconcordance:\n  index_paths: { nt: bp/nt.json }\n",
    );
    if (!config.ok) throw new Error("config");
    expect(controlPaths(config.config)).toEqual([
      "work/tasks/**",
      "state/q.jsonl",
      "ops/decisions.jsonl",
      "ops/model-decisions.jsonl",
      ".github/autopilot.yml",
      ".github/CODEOWNERS",
      "CODEOWNERS",
      "docs/CODEOWNERS",
      ".github/workflows/**",
      ".github/actions/**",
      "bp/nt.json",
      "docs/blueprints/td-index.json",
      "docs/blueprints/crosswalk.json",
      "ops/por.json",
      "docs/PROGRESS.md",
      "docs/OUTLINE.md",
    ]);
  });

  it("fails a task whose scope is everything when it writes a control file, even with configured forbidden paths", () => {
    const config = parseConfig("defaults:\n  forbidden: ['secret/**']\nqueue_file: state/q.jsonl\n");
    if (!config.ok) throw new Error("config");
    const files = ["ops/decisions.jsonl", "state/q.jsonl", ".github/actions/x/action.yml", "secret/a", "src/ok.ts"].map(
      modified,
    );
    const result = scopeOf({ config: config.config, files });
    expect(result.conclusion).toBe("failure");
    expect(result.annotations.map((annotation) => annotation.path)).toEqual([
      "ops/decisions.jsonl",
      "state/q.jsonl",
      ".github/actions/x/action.yml",
      "secret/a",
    ]);
    expect(result.annotations[0]?.message).toMatch(/control files/);
  });

  it("matches a configured path literally, never as a glob", () => {
    const config = parseConfig("queue_file: ops/{q}.jsonl\n");
    if (!config.ok) throw new Error("config");
    expect(scopeOf({ config: config.config, files: [modified("ops/q.jsonl")] }).conclusion).toBe("success");
    expect(scopeOf({ config: config.config, files: [modified("ops/{q}.jsonl")] }).conclusion).toBe("failure");
  });
});

describe("the task's own task file", () => {
  const path = "ops/tasks/T-7.md";
  const file = (text: string | undefined) => ({ path, problems: taskFileEdits(recorded, text) });

  it("passes while it still says what Autopilot recorded, and is left out of the budget", () => {
    const result = scopeOf({ files: [modified(path)], ownTaskFile: file(renderTaskFile(front, "Brief.")) });
    expect(result.conclusion).toBe("success");
  });

  it("fails, naming the field, when the PR edits the spec in it", () => {
    const edited = renderTaskFile(
      { ...front, forbidden: [], scope: ["**", "src/auth/**"], risk: "low", acceptance: ["anything"] },
      "Brief.",
    );
    const result = scopeOf({ files: [modified(path)], ownTaskFile: file(edited) });
    expect(result.conclusion).toBe("failure");
    expect(result.title).toMatch(/^The PR changed its own task file/);
    expect(result.annotations).toEqual([
      expect.objectContaining({
        path,
        message: expect.stringMatching(
          /^The PR changed its own task file: `scope` is `\["\*\*","src\/auth\/\*\*"\]` instead of the recorded `\["\*\*"\]`; `acceptance`/,
        ),
      }),
    ]);
  });

  it("fails when the file no longer parses or was deleted", () => {
    expect(taskFileEdits(recorded, "no front matter")).toEqual([
      expect.stringMatching(/^the task file no longer parses/),
    ]);
    expect(taskFileEdits(recorded, undefined)).toEqual(["it deleted the task file"]);
  });

  it("compares criteria only when the queue recorded them (entries older than this check)", () => {
    const { acceptance: _a, tests: _t, ...old } = recorded;
    expect(taskFileEdits(old, renderTaskFile({ ...front, acceptance: ["other"], tests: [] }, ""))).toEqual([]);
  });

  it("counts another task's file as a control file", () => {
    const result = scopeOf({ files: [modified("ops/tasks/T-8.md")], ownTaskFile: file(renderTaskFile(front, "")) });
    expect(result.conclusion).toBe("failure");
  });
});
