import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/config/index.js";
import type { ChangedFile } from "../../../src/core/changed-file.js";
import { runGates, type RunGatesInput } from "../../../src/core/gates/index.js";

const added = (filename: string): ChangedFile & { patch: string } => ({
  filename,
  status: "added",
  additions: 1,
  deletions: 0,
  patch: "@@ -0,0 +1 @@\n+- [x] **2.1** shipped",
});

/** A task whose scope is everything, as a careless or hostile spec could make it. */
const task = { id: "T-7", scope: ["**"], forbidden: [], refs: [] };

describe("the plan and its records are control files", () => {
  it("fails a task that writes ops/por.json, docs/OUTLINE.md or docs/PROGRESS.md, whatever its scope", () => {
    const files = ["ops/por.json", "docs/OUTLINE.md", "docs/PROGRESS.md", "src/ok.ts"].map(added);
    const [scope] = runGates({
      config: defaultConfig(),
      task,
      files,
      patches: files,
      commits: [],
      indexFiles: [],
      queueText: "",
      repoFiles: [],
    } as unknown as RunGatesInput);
    expect(scope?.conclusion).toBe("failure");
    expect(scope?.annotations.map((annotation) => annotation.path)).toEqual([
      "ops/por.json",
      "docs/OUTLINE.md",
      "docs/PROGRESS.md",
    ]);
    expect(scope?.annotations[0]?.message).toMatch(/control files/);
  });
});
