import { describe, expect, it } from "vitest";
import {
  protectionBlockers,
  renderProtectionNotice,
  type ProtectionBlockersInput,
  type ProtectionRules,
} from "../../../src/core/merge/index.js";

const head = "a".repeat(40);
const old = "b".repeat(40);
const rules = (over: Partial<ProtectionRules> = {}): ProtectionBlockersInput["protection"] => ({
  kind: "rules",
  rules: {
    requiredApprovals: 1,
    codeOwnerReviews: true,
    dismissStale: false,
    requiredChecks: ["ci/test"],
    strict: true,
    ...over,
  },
});
const input = (over: Partial<ProtectionBlockersInput> = {}): ProtectionBlockersInput => ({
  base: "main",
  headSha: head,
  author: "autopilot[bot]",
  protection: rules(),
  mergeable: true,
  mergeableState: "blocked",
  behindBase: false,
  reviews: [],
  ownerGroups: [{ rule: "* (line 1)", files: ["src/widgets/list.ts"], logins: ["octocat"], unresolved: [] }],
  checks: [{ name: "ci/test", status: "completed", conclusion: "success", headSha: head }],
  ...over,
});
const texts = (over: Partial<ProtectionBlockersInput>) =>
  protectionBlockers(input(over)).map((blocker) => blocker.text);

describe("what branch protection still asks of a PR the policy would merge", () => {
  it("names the missing approval and the code owner whose review is needed, with the files", () => {
    expect(texts({})).toEqual([
      "needs 1 more approving review from someone with write access who is not the author (none yet)",
      "needs an approving review from a code owner (@octocat) for `src/widgets/list.ts`",
    ]);
  });

  it("counts a writer's approval toward the number, but not toward the code owners; the author's never counts", () => {
    const reviews = [
      { user: "alice", state: "APPROVED" as const, commitId: head, submittedAt: "2026-01-01T00:00:00Z" },
      { user: "autopilot[bot]", state: "APPROVED" as const, commitId: head, submittedAt: "2026-01-01T00:00:00Z" },
    ];
    expect(texts({ reviews })).toEqual([
      "needs an approving review from a code owner (@octocat) for `src/widgets/list.ts`",
    ]);
  });

  it("is satisfied by the code owner's approval; a later request for changes takes it back", () => {
    const approve = { user: "octocat", state: "APPROVED" as const, commitId: old, submittedAt: "2026-01-01T00:00:00Z" };
    expect(texts({ reviews: [approve], mergeableState: "clean" })).toEqual([]);
    const changes = { ...approve, state: "CHANGES_REQUESTED" as const };
    expect(texts({ reviews: [approve, changes] })).toHaveLength(2);
    // with stale approvals dismissed, an approval of an older head does not count
    expect(texts({ reviews: [approve], protection: rules({ dismissStale: true }) })).toHaveLength(2);
  });

  it("says which required check has not reported, is running or failed on the head", () => {
    const approved = [{ user: "octocat", state: "APPROVED" as const, commitId: head, submittedAt: null }];
    expect(texts({ reviews: approved, checks: [] })).toEqual([
      `required check \`ci/test\` has not reported on ${head.slice(0, 7)}`,
    ]);
    expect(
      texts({
        reviews: approved,
        checks: [{ name: "ci/test", status: "completed", conclusion: "success", headSha: old }],
      }),
    ).toEqual([`required check \`ci/test\` has not reported on ${head.slice(0, 7)}`]);
    expect(
      texts({
        reviews: approved,
        checks: [{ name: "ci/test", status: "in_progress", conclusion: null, headSha: head }],
      }),
    ).toEqual([`required check \`ci/test\` is still running on ${head.slice(0, 7)}`]);
    expect(
      texts({
        reviews: approved,
        checks: [{ name: "ci/test", status: "completed", conclusion: "failure", headSha: head }],
      })[0],
    ).toContain("failed on");
  });

  it("says a strict base wants the branch up to date (the app does that), and names a conflict", () => {
    const approved = [{ user: "octocat", state: "APPROVED" as const, commitId: head, submittedAt: null }];
    expect(texts({ reviews: approved, behindBase: true })).toEqual([
      "branch is behind `main` and protection requires it up to date (the app will update it)",
    ]);
    expect(
      texts({ reviews: approved, behindBase: true, protection: rules({ strict: false }), mergeableState: "clean" }),
    ).toEqual([]);
    expect(texts({ reviews: approved, mergeable: false, mergeableState: "dirty" })[0]).toMatch(
      /^conflicts with `main`/,
    );
  });

  it("without permission to read the protection, uses the branch summary's checks and GitHub's own message", () => {
    const protection = { kind: "summary" as const, protected: true, requiredChecks: ["ci/test"] };
    const refusal = "Waiting on code owner review from @octocat.";
    expect(texts({ protection, refusal, checks: [] })).toEqual([
      "needs an approving review from a code owner (@octocat) for `src/widgets/list.ts`",
      `required check \`ci/test\` has not reported on ${head.slice(0, 7)}`,
    ]);
    // no CODEOWNERS the app could match: GitHub's words name the owners
    expect(
      texts({
        protection: { kind: "unknown" },
        refusal: "Waiting on code owner review from @acme/core.",
        ownerGroups: [],
      }),
    ).toEqual(["needs an approving review from a code owner (@acme/core)"]);
    // GitHub names only the first unmet rule: the code owner's approval is the one that surely counts
    expect(
      texts({ protection, refusal: "At least 1 approving review is required by reviewers with write access." }),
    ).toEqual([
      "needs an approving review from a code owner (@octocat) for `src/widgets/list.ts` " +
        "(GitHub asks for 1 more approving review; a code owner's counts for it, and for a code-owner rule if `main` has one)",
    ]);
    expect(
      texts({
        protection: { kind: "unknown" },
        refusal: "At least 2 approving reviews are required by reviewers with write access.",
        ownerGroups: [],
      }),
    ).toEqual(["needs 2 more approving reviews from someone with write access who is not the author (none yet)"]);
    expect(
      texts({
        protection: { kind: "unknown" },
        refusal: 'Required status check "lint" is expected.',
        ownerGroups: [],
        checks: [],
      }),
    ).toEqual([`required check \`lint\` has not reported on ${head.slice(0, 7)}`]);
  });

  it("falls back to GitHub's message, or to saying the merge is blocked by a rule it cannot read", () => {
    const unknown = { protection: { kind: "unknown" as const }, ownerGroups: [] };
    expect(texts({ ...unknown, refusal: "Repository rule violations found" })).toEqual([
      "GitHub refused the merge: “Repository rule violations found”",
    ]);
    expect(texts({ ...unknown })[0]).toMatch(/^GitHub reports the merge as blocked by a rule Autopilot cannot read/);
    expect(texts({ ...unknown, mergeableState: "clean" })).toEqual([]);
  });

  it("renders one notice that begins as the dashboard expects, with each blocker and GitHub's words, disarmed", () => {
    const refusal = "Waiting on code owner review from @octocat. <img src=x> [x](http://evil)";
    const blockers = protectionBlockers(input({ refusal }));
    const body = renderProtectionNotice({
      taskId: "T-5",
      base: "main",
      headSha: head,
      blockers,
      protection: rules(),
      refusal,
    });
    const lines = body.split("\n");
    expect(lines[0]).toBe(
      `Autopilot will not merge T-5 yet: the branch protection of \`main\` blocks the merge of ${head.slice(0, 7)}.`,
    );
    expect(lines).toContain("- needs an approving review from a code owner (@octocat) for `src/widgets/list.ts`");
    expect(body).toContain("GitHub said: “Waiting on code owner review from");
    expect(body).not.toContain("<img");
    expect(body).not.toContain("](http://evil)");
  });
});
