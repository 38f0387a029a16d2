import { afterEach, describe, expect, it } from "vitest";
import {
  configureMergeQueue,
  enqueue,
  openPull,
  repo,
  startSandboxHarness,
  type SandboxHarness,
} from "./merge-queue-harness.js";

let h: SandboxHarness;
afterEach(() => h?.close());

describe("A merge queue under a ruleset's pull_request rule", () => {
  it("takes a pull request only once the rule is met, then merges it", async () => {
    h = await startSandboxHarness();
    await configureMergeQueue(h);
    await h.user.request("POST /repos/{owner}/{repo}/rulesets", {
      ...repo,
      name: "reviews",
      target: "branch",
      enforcement: "active",
      conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
      rules: [
        {
          type: "pull_request",
          parameters: {
            required_approving_review_count: 1,
            dismiss_stale_reviews_on_push: false,
            require_code_owner_review: false,
            require_last_push_approval: false,
            required_review_thread_resolution: true,
          },
        },
      ],
    });
    const pull = await openPull(h, "reviewed", { "r.md": "r\n" });
    const refusal = async () => (await enqueue(h.app, pull)).errors?.[0]?.message;
    expect(await refusal()).toBe(
      "Pull request At least 1 approving review is required by reviewers with write access.",
    );
    await h.user.rest.pulls.createReview({
      ...repo,
      pull_number: pull.number,
      event: "APPROVE",
      comments: [{ path: "r.md", line: 1, body: "r?" }],
    });
    expect(await refusal()).toBe(
      "Pull request A conversation must be resolved before this pull request can be merged.",
    );
    const threads = await h.app.graphql<Record<string, any>>(
      `query ($n: Int!) { repository(owner: "acme", name: "widgets") { pullRequest(number: $n) {
        reviewThreads(first: 5) { nodes { id } } } } }`,
      { n: pull.number },
    );
    await h.app.graphql(`mutation ($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { id } } }`, {
      id: threads.repository.pullRequest.reviewThreads.nodes[0].id,
    });
    expect((await enqueue(h.app, pull)).errors).toBeUndefined();
    await h.sandbox.idle();
    expect((await h.app.rest.pulls.get({ ...repo, pull_number: pull.number })).data.merged).toBe(true);
  });
});
