import { describe, expect, it } from "vitest";
import {
  allowedMergeMethods,
  configuredMethodRefusal,
  forbiddenMergeMethods,
  type MergeMethodFacts,
} from "../../../src/core/merge/index.js";

const all = { mergeCommitAllowed: true, squashMergeAllowed: true, rebaseMergeAllowed: true };
const facts = (over: Partial<MergeMethodFacts> = {}): MergeMethodFacts => ({
  base: "main",
  settings: all,
  rules: [],
  ...over,
});

describe("the merge methods GitHub accepts on a base", () => {
  it("prefers squash, then merge, then rebase", () => {
    expect(allowedMergeMethods(facts())).toEqual(["squash", "merge", "rebase"]);
    expect(allowedMergeMethods(facts({ settings: { ...all, squashMergeAllowed: false } }))).toEqual([
      "merge",
      "rebase",
    ]);
  });

  it("names the setting that is off", () => {
    const why = forbiddenMergeMethods(facts({ settings: { ...all, mergeCommitAllowed: false } }));
    expect(why.get("merge")).toBe("“Allow merge commits” is off in Settings → General → Pull requests");
  });

  it("takes merge commits away under a linear history rule", () => {
    const why = forbiddenMergeMethods(facts({ rules: [{ type: "required_linear_history" }] }));
    expect([...why.keys()]).toEqual(["merge"]);
    expect(why.get("merge")).toContain("required_linear_history rule on main");
  });

  it("keeps to a pull_request rule's allowed_merge_methods, and ignores a rule without them", () => {
    const rules = [
      { type: "pull_request", parameters: { allowed_merge_methods: ["merge", "rebase"] } },
      { type: "pull_request", parameters: { required_approving_review_count: 1 } },
    ];
    expect(allowedMergeMethods(facts({ rules }))).toEqual(["merge", "rebase"]);
    expect(forbiddenMergeMethods(facts({ rules })).get("squash")).toContain("allows only merge, rebase");
  });

  it("allows nothing when settings and rules leave nothing", () => {
    const settings = { mergeCommitAllowed: true, squashMergeAllowed: false, rebaseMergeAllowed: false };
    expect(allowedMergeMethods(facts({ settings, rules: [{ type: "required_linear_history" }] }))).toEqual([]);
  });

  it("reads the settings alone when the rules are unknown", () => {
    expect(allowedMergeMethods(facts({ rules: undefined }))).toEqual(["squash", "merge", "rebase"]);
  });

  it("tells the owner the setting and the fix for a configured method, in under 300 characters", () => {
    const why = forbiddenMergeMethods(facts({ settings: { ...all, squashMergeAllowed: false } })).get("squash")!;
    const text = configuredMethodRefusal("squash", why);
    expect(text).toContain("Allow squash merging");
    expect(text).toContain("change or remove merge.method");
    expect(text.length).toBeLessThan(300);
  });
});
