import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/index.js";
import type { CheckRun, GitHubPort } from "../../src/github/index.js";
import { ReviewPublishError } from "../../src/github/index.js";
import { reviewPull } from "../../src/handlers/review/review-pull.js";
import { scriptedReviewers } from "../../dev/demo/reviewers.js";
import { contextOn, fakeGitHubPort, type FakeGitHub } from "../helpers/fake-github-port.js";

const head = "c".repeat(40);
const config = (() => {
  const base = defaultConfig();
  return { ...base, review: { ...base.review, on_non_task_prs: "always" as const } };
})();
const pull = {
  number: 9,
  headSha: head,
  headRef: "feature/pages",
  baseRef: "main",
  title: "Page the widget list",
  body: "",
  draft: false,
  fromFork: false,
  nodeId: "PR_9",
  repositoryId: "R_1",
  url: "https://github.com/acme/widgets/pull/9",
};
const secretsGate: CheckRun = {
  id: 1,
  name: "autopilot/secrets",
  status: "completed",
  conclusion: "success",
  head_sha: head,
  check_suite: null,
  app: { id: 1, slug: "autopilot" },
  output: { title: "No secrets", summary: "" },
};
const change = {
  files: [
    {
      filename: "src/pages.ts",
      status: "added",
      additions: 1,
      deletions: 0,
      changes: 1,
      patch: "@@ -0,0 +1 @@\n+export const pageSize = 50;",
    },
  ],
  commits: [],
  totalCommits: 1,
  complete: true,
  headSha: head,
  baseSha: "b".repeat(40),
  mergeBaseSha: "b".repeat(40),
};
const accept = {
  decision: "accept",
  recommended_status: "review",
  next_actions: [],
  summary: "Pages by 50.",
  reasons: ["as asked"],
};

describe("the review's comment and check run written together", () => {
  it("after GitHub refused the check run but wrote the comment, the retry edits that comment and adds the run", async () => {
    let asked = 0;
    const ports = scriptedReviewers(
      () => ((asked += 1), { output: { risks: [], missing_deliverables: [], test_gaps: [], followups: [] } }),
      () => ({ output: accept }),
    );
    let refuseCheck = true;
    // as the adapter: the comment written first; the check run refused once, then created
    const publishReview: GitHubPort["publishReview"] = async (options) => {
      const comment = await github.upsertSticky({ ...options.sticky });
      if (refuseCheck) throw new ReviewPublishError("GitHub refused the review's check", ["check"], undefined);
      const id = await github.publishCheck(options.headSha, options.check);
      // the run keeps what the review was made for, as createCheckRun's externalId sets it
      const [run] = await github.listCheckRuns(options.headSha, { checkName: options.check.name });
      if (run) run.external_id = options.externalId ?? null;
      return { comment, checkRunId: `CR_${id}` };
    };
    const github: FakeGitHub = fakeGitHubPort(
      { checkRuns: [secretsGate] },
      {
        publishReview,
        readChange: async () => change as unknown as Awaited<ReturnType<GitHubPort["readChange"]>>,
        readFilesAndChecks: async () =>
          ({ files: new Map() }) as unknown as Awaited<ReturnType<GitHubPort["readFilesAndChecks"]>>,
      },
    );
    const ctx = contextOn(github, config);

    await expect(reviewPull(ctx, pull, { explicit: false }, ports, "autopilot")).rejects.toBeInstanceOf(
      ReviewPublishError,
    );
    const reviewComments = () => github.state.comments.filter((comment) => comment.key === "review");
    expect(reviewComments()).toHaveLength(1);
    expect(github.state.checksPublished).toEqual([]);

    // the retry: the record names this head, but the head has no review run of the app's
    refuseCheck = false;
    expect(await reviewPull(ctx, pull, { explicit: false }, ports, "autopilot")).toEqual({ reviewed: true });
    expect(asked).toBe(2);
    expect(reviewComments()).toHaveLength(1);
    expect(
      github.state.checksPublished.map(({ headSha, result }) => [headSha, result.name, result.conclusion]),
    ).toEqual([[head, "autopilot/review", "success"]]);
    expect(github.state.checksPublished[0]!.result.summary).toContain(reviewComments()[0]!.url);

    // once the run is there, the same head with the same configuration is not reviewed again
    expect(await reviewPull(ctx, pull, { explicit: false }, ports, "autopilot")).toEqual({
      reviewed: false,
      reason: "this head was reviewed with this configuration",
    });
    expect(asked).toBe(2);
  });
});
