import { describe, expect, it } from "vitest";
import { judgeMergeMethod } from "../../../src/core/doctor/index.js";
import type { MergeMethodFacts } from "../../../src/core/merge/index.js";

const all = { mergeCommitAllowed: true, squashMergeAllowed: true, rebaseMergeAllowed: true };
const facts = (over: Partial<MergeMethodFacts> = {}): MergeMethodFacts => ({
  base: "main",
  settings: all,
  rules: [],
  ...over,
});

describe("doctor's merge method row", () => {
  it("says which method an unset merge.method will use", () => {
    expect(judgeMergeMethod("main", undefined, facts({ settings: { ...all, squashMergeAllowed: false } }))).toEqual({
      check: "merge method on main",
      result: "ok",
      advice: "merge.method is unset: Autopilot merges with merge, the first of squash, merge, rebase main allows",
    });
  });

  it("passes a configured method the repository allows", () => {
    expect(judgeMergeMethod("main", "rebase", facts())).toMatchObject({
      result: "ok",
      advice: expect.stringContaining("rebase"),
    });
  });

  it("fails a configured method the settings forbid, naming the setting, the fix and what unset would do", () => {
    const row = judgeMergeMethod("main", "squash", facts({ settings: { ...all, squashMergeAllowed: false } }));
    expect(row.result).toBe("fail");
    expect(row.advice).toContain("“Allow squash merging” is off in Settings → General → Pull requests");
    expect(row.advice).toContain("change or remove merge.method (unset, Autopilot would use merge)");
  });

  it("fails a configured merge commit under a ruleset's linear history", () => {
    const row = judgeMergeMethod("main", "merge", facts({ rules: [{ type: "required_linear_history" }] }));
    expect(row).toMatchObject({ result: "fail", advice: expect.stringContaining("required_linear_history") });
  });

  it("fails a branch that allows no method at all", () => {
    const settings = { mergeCommitAllowed: false, squashMergeAllowed: false, rebaseMergeAllowed: true };
    const rules = [{ type: "pull_request", parameters: { allowed_merge_methods: ["squash"] } }];
    expect(judgeMergeMethod("main", undefined, facts({ settings, rules }))).toMatchObject({
      result: "fail",
      advice: expect.stringContaining("no merge method is allowed on main"),
    });
  });

  it("warns when the token could not read the settings", () => {
    expect(judgeMergeMethod("main", "squash", undefined).result).toBe("warn");
  });
});
