import { describe, expect, it } from "vitest";
import type { KnownProtection } from "../../src/core/merge/index.js";
import type { CheckRun, PullReview } from "../../src/github/index.js";
import { explainBlockedMerge } from "../../src/handlers/merge/explain-blocked-merge.js";
import type { PullRead } from "../../src/handlers/merge/read-pull.js";
import { entryFor } from "../core/queue/queue-fixtures.js";
import { contextOn, fakeGitHubPort } from "../helpers/fake-github-port.js";

const head = "d".repeat(40);
const entry = entryFor(4, ["queued", "in_progress", "review"], { pr: 7 });
const pull: PullRead = {
  number: 7,
  nodeId: "PR_7",
  draft: false,
  state: "open",
  merged: false,
  headSha: head,
  headRef: "autopilot/T-4-task",
  baseRef: "main",
  mergeable: true,
  mergeableState: "blocked",
  behindBase: false,
  author: { login: "agent[bot]", type: "Bot" },
  mergeCommitSha: null,
  repoUrl: "https://github.com/acme/widgets",
  fromFork: false,
};
const refusal = {
  message: "At least 1 approving review is required by reviewers with write access.",
  mergeable: true,
  mergeableState: "blocked",
};
const rules = (requiredChecks: string[]): KnownProtection => ({
  kind: "rules",
  rules: { requiredApprovals: 1, codeOwnerReviews: false, dismissStale: false, requiredChecks, strict: false },
});
const ciRun = (conclusion: CheckRun["conclusion"]): CheckRun => ({
  id: 31,
  name: "ci/test",
  status: "completed",
  conclusion,
  head_sha: head,
  check_suite: { id: 3 },
  app: { id: 15368, slug: "github-actions" },
  output: { title: null, summary: null },
});
let reviewIds = 0;
const approvalBy = (login: string): PullReview => ({
  id: ++reviewIds,
  node_id: `PRR_${reviewIds}`,
  body: "",
  user: { login },
  state: "APPROVED",
  commit_id: head,
  submitted_at: "2025-05-01T12:00:00Z",
});

function repository(options: {
  protection: KnownProtection;
  runs?: CheckRun[];
  reviews?: PullReview[];
  permissions?: Record<string, string>;
}) {
  return fakeGitHubPort(
    { branches: { main: {} }, checkRuns: options.runs ?? [], permissions: options.permissions ?? {} },
    { branchProtection: async () => options.protection, listReviews: async () => options.reviews ?? [] },
  );
}

const decisionComment = (github: ReturnType<typeof repository>) =>
  github.state.comments.filter((comment) => comment.issueNumber === 7 && comment.key === "merge-decision");

/** GitHub refused a merge the policy wanted: the PR says what the base's protection still asks, in one comment. */
describe("explainBlockedMerge", () => {
  it("names the missing approval and the failing required check on the PR", async () => {
    const github = repository({ protection: rules(["ci/test"]), runs: [ciRun("failure")] });

    const blockers = await explainBlockedMerge(contextOn(github), entry, pull, refusal);

    expect(blockers.map((blocker) => blocker.kind).sort()).toEqual(["approvals", "check"]);
    const [comment] = decisionComment(github);
    expect(comment?.body).toContain("T-4");
    expect(comment?.body).toContain("ci/test");
    expect(comment?.body).toMatch(/approv/i);
  });

  it("counts an approval of the head", async () => {
    const github = repository({
      protection: rules([]),
      reviews: [approvalBy("wendy")],
      permissions: { wendy: "write" },
    });

    const blockers = await explainBlockedMerge(contextOn(github), entry, pull, refusal);

    expect(blockers.map((blocker) => blocker.kind)).not.toContain("approvals");
  });

  it("does not count an approval of an older head when the base dismisses stale approvals", async () => {
    const protection: KnownProtection = {
      kind: "rules",
      rules: { requiredApprovals: 1, codeOwnerReviews: false, dismissStale: true, requiredChecks: [], strict: false },
    };
    const stale = { ...approvalBy("wendy"), commit_id: "e".repeat(40) };
    const github = repository({ protection, reviews: [stale], permissions: { wendy: "write" } });

    const blockers = await explainBlockedMerge(contextOn(github), entry, pull, refusal);

    expect(blockers.map((blocker) => blocker.kind)).toContain("approvals");
  });

  it("names the code owners CODEOWNERS on the base gives the changed files", async () => {
    const protection: KnownProtection = {
      kind: "rules",
      rules: { requiredApprovals: 1, codeOwnerReviews: true, dismissStale: false, requiredChecks: [], strict: false },
    };
    const github = fakeGitHubPort(
      { branches: { main: { ".github/CODEOWNERS": "src/** @olivia\n" } } },
      {
        branchProtection: async () => protection,
        listReviews: async () => [approvalBy("wendy")],
        listPullFiles: async () => [
          {
            filename: "src/widgets.ts",
            status: "modified",
            additions: 1,
            deletions: 0,
            changes: 1,
            sha: "f".repeat(40),
          },
        ],
        permissionOf: async () => ({ permission: "write" }),
      },
    );

    const blockers = await explainBlockedMerge(contextOn(github), entry, pull, refusal);

    expect(blockers.map((blocker) => blocker.kind)).toEqual(["code_owners"]);
    expect(decisionComment(github)[0]?.body).toContain("@olivia");
  });

  it("edits the one comment in place: the same blockers write nothing, a changed one updates it", async () => {
    const runs = [ciRun("failure")];
    const github = repository({ protection: rules(["ci/test"]), runs });
    const ctx = contextOn(github);

    await explainBlockedMerge(ctx, entry, pull, refusal);
    const first = decisionComment(github)[0]!.body;
    await explainBlockedMerge(ctx, entry, pull, refusal);
    expect(decisionComment(github)).toHaveLength(1);
    expect(decisionComment(github)[0]!.body).toBe(first);

    runs[0] = ciRun("success");
    const passed = repository({ protection: rules(["ci/test"]), runs });
    const blockers = await explainBlockedMerge(contextOn(passed), entry, pull, refusal);
    expect(blockers.map((blocker) => blocker.kind)).toEqual(["approvals"]);
  });

  it("reads no check when the protection names none and GitHub's message names none", async () => {
    const github = repository({ protection: { kind: "unknown" } });

    await explainBlockedMerge(contextOn(github), entry, pull, { mergeable: true, mergeableState: "blocked" });

    expect(github.callsTo("listCheckRuns")).toEqual([]);
    expect(decisionComment(github)).toHaveLength(1);
  });
});
