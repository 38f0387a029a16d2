import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBranchProtection } from "../../src/github/index.js";
import { startGithubFixture, type GithubFixture } from "./github-fixture.js";

describe("what the app may read of a branch's protection", () => {
  let f: GithubFixture;
  beforeAll(async () => {
    f = await startGithubFixture();
    await f.user.rest.repos.updateBranchProtection({
      owner: f.owner,
      repo: f.repo,
      branch: "main",
      required_status_checks: { strict: true, contexts: ["ci/test"] },
      enforce_admins: false,
      required_pull_request_reviews: {
        required_approving_review_count: 2,
        require_code_owner_reviews: true,
        dismiss_stale_reviews: true,
      },
      restrictions: null,
      required_conversation_resolution: true,
    });
  });
  afterAll(() => f.close());

  it("reads the full rules with the administration permission (an admin here)", async () => {
    expect(await readBranchProtection(f.user, { owner: f.owner, repo: f.repo, branch: "main" })).toEqual({
      kind: "rules",
      rules: {
        requiredApprovals: 2,
        codeOwnerReviews: true,
        dismissStale: true,
        requiredChecks: ["ci/test"],
        strict: true,
        conversationResolution: true,
      },
    });
  });

  it("falls back, without administration (the app's own permissions), to the branch summary: protected, required checks", async () => {
    const mark = f.mark();
    expect(await readBranchProtection(f.app, { owner: f.owner, repo: f.repo, branch: "main" })).toEqual({
      kind: "summary",
      protected: true,
      requiredChecks: ["ci/test"],
    });
    // one refused read of the rules (not retried), then the summary
    expect(f.callsSince(mark).map((call) => `${call.operationId} ${call.status}`)).toEqual([
      "repos/get-branch-protection 403",
      "repos/get-branch 200",
    ]);
  });

  it("knows nothing of a branch that does not exist, and says an unprotected one is not protected", async () => {
    expect(await readBranchProtection(f.app, { owner: f.owner, repo: f.repo, branch: "gone" })).toEqual({
      kind: "unknown",
    });
    await f.commit("feature", { "a.txt": "a\n" });
    expect(await readBranchProtection(f.app, { owner: f.owner, repo: f.repo, branch: "feature" })).toEqual({
      kind: "summary",
      protected: false,
      requiredChecks: [],
    });
  });
});
