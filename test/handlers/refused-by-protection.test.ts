import { describe, expect, it } from "vitest";
import { refusedByProtection } from "../../src/handlers/merge/explain-blocked-merge.js";

describe("which refused merges are protection a person can satisfy", () => {
  it("takes GitHub's protection answers and a blocked or behind PR as protection", () => {
    for (const message of [
      "At least 1 approving review is required by reviewers with write access.",
      "Waiting on code owner review from @octocat.",
      'Required status check "ci/test" is expected.',
      "Repository rule violations found",
    ]) {
      expect(refusedByProtection({ message, mergeable: true, mergeableState: "unknown" })).toBe(true);
    }
    expect(refusedByProtection({ message: "Method Not Allowed", mergeable: true, mergeableState: "blocked" })).toBe(
      true,
    );
    expect(refusedByProtection({ message: "Method Not Allowed", mergeable: true, mergeableState: "behind" })).toBe(
      true,
    );
  });

  it("leaves a repository setting (a merge method it forbids) to the owner's question", () => {
    expect(
      refusedByProtection({
        message: "Merge commits are not allowed on this repository.",
        mergeable: true,
        mergeableState: "clean",
      }),
    ).toBe(false);
  });
});
