import { describe, expect, it } from "vitest";
import type { ChangedFile } from "../../../src/core/changed-file.js";
import {
  emptyCrosswalk,
  parseCrosswalk,
  serializeCrosswalk,
  updateCrosswalk,
} from "../../../src/core/concordance/index.js";
import type { Crosswalk, CrosswalkUpdate } from "../../../src/core/concordance/index.js";

const file = (filename: string, status: ChangedFile["status"] = "added", previous?: string): ChangedFile => ({
  filename,
  status,
  additions: 1,
  deletions: 0,
  ...(previous ? { previous_filename: previous } : {}),
});

const widgets: CrosswalkUpdate = {
  taskId: "T-12",
  ids: ["NT-0001", "TD-0042"],
  files: [
    file("src/widgets/list.ts"),
    file("test/widgets/list.test.ts"),
    file("src/widgets/__tests__/paging.ts"),
    file("web/list.spec.tsx"),
    file("pkg/store_test.go"),
  ],
  status: "done",
};

describe("parseCrosswalk", () => {
  it("treats a missing or blank file as an empty crosswalk", () => {
    expect(parseCrosswalk(undefined)).toEqual({ crosswalk: emptyCrosswalk(), errors: [] });
    expect(parseCrosswalk("\n")).toEqual({ crosswalk: emptyCrosswalk(), errors: [] });
  });

  it("fills defaults for fields an entry leaves out", () => {
    const { crosswalk, errors } = parseCrosswalk('{ "version": 1, "entries": { "NT-0001": { "tasks": ["T-3"] } } }');
    expect(errors).toEqual([]);
    expect(crosswalk.entries["NT-0001"]).toEqual({ tasks: ["T-3"], code: [], tests: [], status: "planned" });
  });

  it("reports invalid JSON with the file path", () => {
    const { errors, crosswalk } = parseCrosswalk("{ oops", "docs/blueprints/crosswalk.json");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^docs\/blueprints\/crosswalk\.json: invalid JSON: /);
    expect(crosswalk).toEqual(emptyCrosswalk());
  });

  it("reports every schema problem with its place and keeps the readable entries", () => {
    const text = JSON.stringify({
      version: 2,
      entries: { "NT-0001": { status: "blocked" }, "NT-0002": { tasks: ["T-4"] } },
    });
    const { crosswalk, errors } = parseCrosswalk(text);
    expect(errors).toEqual([
      "docs/blueprints/crosswalk.json: version: only version 1 is supported",
      'docs/blueprints/crosswalk.json: entries["NT-0001"].status: Invalid option: expected one of "planned"|"in_progress"|"done"',
    ]);
    expect(Object.keys(crosswalk.entries)).toEqual(["NT-0002"]);
  });
});

describe("updateCrosswalk", () => {
  it("records the task, its code and test paths and the status for each id", () => {
    const result = updateCrosswalk(emptyCrosswalk(), widgets);
    expect(result.entries["NT-0001"]).toEqual({
      tasks: ["T-12"],
      code: ["src/widgets/list.ts"],
      tests: ["pkg/store_test.go", "src/widgets/__tests__/paging.ts", "test/widgets/list.test.ts", "web/list.spec.tsx"],
      status: "done",
    });
    expect(result.entries["TD-0042"]).toEqual(result.entries["NT-0001"]);
  });

  it("is idempotent", () => {
    const once = updateCrosswalk(emptyCrosswalk(), widgets);
    const twice = updateCrosswalk(once, widgets);
    expect(twice).toEqual(once);
    expect(serializeCrosswalk(twice)).toBe(serializeCrosswalk(once));
  });

  it("does not modify its input", () => {
    const before = updateCrosswalk(emptyCrosswalk(), widgets);
    const snapshot = structuredClone(before);
    updateCrosswalk(before, {
      taskId: "T-13",
      ids: ["NT-0001"],
      files: [file("src/widgets/list.ts", "removed")],
      status: "in_progress",
    });
    expect(before).toEqual(snapshot);
  });

  it("adds a second task to an id and keeps the first task's paths", () => {
    const first = updateCrosswalk(emptyCrosswalk(), widgets);
    const second = updateCrosswalk(first, {
      taskId: "T-2",
      ids: ["NT-0001"],
      files: [file("src/widgets/sort.ts")],
      status: "in_progress",
    });
    expect(second.entries["NT-0001"]).toMatchObject({
      tasks: ["T-2", "T-12"],
      code: ["src/widgets/list.ts", "src/widgets/sort.ts"],
      status: "in_progress",
    });
    expect(second.entries["TD-0042"]?.status).toBe("done");
  });

  it("does not reopen an id when an old in_progress update of the same task is replayed", () => {
    const done = updateCrosswalk(emptyCrosswalk(), widgets);
    const replay = updateCrosswalk(done, { ...widgets, status: "in_progress" });
    expect(replay.entries["NT-0001"]?.status).toBe("done");
  });

  it("drops removed files from every entry", () => {
    const start = updateCrosswalk(emptyCrosswalk(), widgets);
    const result = updateCrosswalk(start, {
      taskId: "T-20",
      ids: ["WBS-003"],
      files: [file("src/widgets/list.ts", "removed"), file("test/widgets/list.test.ts", "removed")],
      status: "done",
    });
    expect(result.entries["NT-0001"]?.code).toEqual([]);
    expect(result.entries["NT-0001"]?.tests).not.toContain("test/widgets/list.test.ts");
    expect(result.entries["WBS-003"]).toMatchObject({ tasks: ["T-20"], code: [], tests: [] });
  });

  it("follows renames in every entry and re-classifies the new path", () => {
    const start = updateCrosswalk(emptyCrosswalk(), widgets);
    const rename: CrosswalkUpdate = {
      taskId: "T-21",
      ids: ["NT-0012"],
      files: [
        file("src/widgets/table.ts", "renamed", "src/widgets/list.ts"),
        file("src/widgets/paging.test.ts", "renamed", "src/widgets/__tests__/paging.ts"),
      ],
      status: "done",
    };
    const result = updateCrosswalk(start, rename);
    expect(result.entries["NT-0001"]?.code).toEqual(["src/widgets/table.ts"]);
    expect(result.entries["NT-0001"]?.tests).toContain("src/widgets/paging.test.ts");
    expect(result.entries["NT-0001"]?.tests).not.toContain("src/widgets/__tests__/paging.ts");
    expect(result.entries["NT-0012"]).toMatchObject({
      code: ["src/widgets/table.ts"],
      tests: ["src/widgets/paging.test.ts"],
    });
    expect(updateCrosswalk(result, rename)).toEqual(result);
  });

  it("keeps the old path of a copy", () => {
    const start = updateCrosswalk(emptyCrosswalk(), widgets);
    const result = updateCrosswalk(start, {
      taskId: "T-22",
      ids: ["NT-0001"],
      files: [file("src/widgets/grid.ts", "copied", "src/widgets/list.ts")],
      status: "done",
    });
    expect(result.entries["NT-0001"]?.code).toEqual(["src/widgets/grid.ts", "src/widgets/list.ts"]);
  });

  it("uses the caller's test patterns instead of the defaults", () => {
    const result = updateCrosswalk(emptyCrosswalk(), {
      ...widgets,
      testPatterns: ["spec/**"],
      files: [file("spec/a.rb"), file("test/a.test.ts")],
    });
    expect(result.entries["NT-0001"]).toMatchObject({ code: ["test/a.test.ts"], tests: ["spec/a.rb"] });
  });

  it("records no exempt paths and no unchanged files", () => {
    const result = updateCrosswalk(emptyCrosswalk(), {
      ...widgets,
      files: [
        file("ops/tasks/T-12.md"),
        file(".github/workflows/ci.yml"),
        file("src/a.ts", "unchanged"),
        file("src/b.ts"),
      ],
      exemptPaths: ["ops/**", "**/*.yml"],
    });
    expect(result.entries["NT-0001"]).toMatchObject({ code: ["src/b.ts"], tests: [] });
  });

  it("normalizes id and task spelling", () => {
    const result = updateCrosswalk(emptyCrosswalk(), { ...widgets, taskId: "t-12", ids: ["nt-0001"] });
    expect(Object.keys(result.entries)).toEqual(["NT-0001"]);
    expect(result.entries["NT-0001"]?.tasks).toEqual(["T-12"]);
  });

  it("keeps fields people added by hand", () => {
    const { crosswalk } = parseCrosswalk(
      JSON.stringify({
        version: 1,
        note: "kept",
        entries: { "NT-0001": { tasks: [], owner: "ana", status: "planned" } },
      }),
    );
    const result = updateCrosswalk(crosswalk, widgets);
    expect(result["note"]).toBe("kept");
    expect(result.entries["NT-0001"]?.["owner"]).toBe("ana");
  });
});

describe("serializeCrosswalk", () => {
  const messy: Crosswalk = {
    version: 1,
    entries: {
      "WBS-010": { tasks: ["T-3"], code: [], tests: [], status: "planned" },
      "NT-0010": {
        tasks: ["T-12", "T-2", "T-12"],
        code: ["src/b.ts", "src/B.ts", "src/a.ts"],
        tests: [],
        status: "done",
        zeta: 1,
        alpha: 2,
      },
      "NT-0002": { tasks: [], code: [], tests: [], status: "in_progress" },
    },
  };

  it("writes sorted ids, sorted unique arrays, a fixed key order, 2 spaces and a final newline", () => {
    const text = serializeCrosswalk(messy);
    expect(text.endsWith("}\n")).toBe(true);
    const parsed = JSON.parse(text) as Crosswalk;
    expect(Object.keys(parsed.entries)).toEqual(["NT-0002", "NT-0010", "WBS-010"]);
    expect(parsed.entries["NT-0010"]).toEqual({
      tasks: ["T-2", "T-12"],
      code: ["src/B.ts", "src/a.ts", "src/b.ts"],
      tests: [],
      status: "done",
      alpha: 2,
      zeta: 1,
    });
    expect(Object.keys(parsed.entries["NT-0010"] ?? {})).toEqual(["tasks", "code", "tests", "status", "alpha", "zeta"]);
    expect(text).toContain('\n  "entries": {\n    "NT-0002": {\n      "tasks": [],');
  });

  it("gives the same bytes whatever order the input was built in", () => {
    const reversed: Crosswalk = { version: 1, entries: Object.fromEntries(Object.entries(messy.entries).reverse()) };
    expect(serializeCrosswalk(reversed)).toBe(serializeCrosswalk(messy));
  });

  it("round-trips through parseCrosswalk unchanged", () => {
    const text = serializeCrosswalk(updateCrosswalk(messy, widgets));
    const { crosswalk, errors } = parseCrosswalk(text);
    expect(errors).toEqual([]);
    expect(serializeCrosswalk(crosswalk)).toBe(text);
  });

  it("changes only the lines of the entry an update touched", () => {
    const before = serializeCrosswalk(messy).split("\n");
    const after = serializeCrosswalk(
      updateCrosswalk(messy, { taskId: "T-3", ids: ["WBS-010"], files: [], status: "done" }),
    ).split("\n");
    expect(after.length).toBe(before.length);
    const changed = after.filter((line, i) => line !== before[i]);
    expect(changed).toEqual(['      "status": "done"']);
  });

  it("writes the version first and hand-added metadata before the entries", () => {
    const text = serializeCrosswalk({
      version: 1,
      entries: {},
      description: "ids to code",
      $schema: "./crosswalk.schema.json",
    });
    expect(Object.keys(JSON.parse(text) as object)).toEqual(["version", "$schema", "description", "entries"]);
  });
});
