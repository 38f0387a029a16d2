import { describe, expect, it } from "vitest";
import { attemptMerge } from "../../../src/handlers/merge/attempt-merge.js";
import { githubError } from "../../helpers/fake-github-port.js";
import { head, mergeQueueRepo, newHead, taskPull } from "./merge-queue-fixture.js";

const mergeSha = "e".repeat(40);

/**
 * GitHub answers the app's merge with 405 "Pull Request is not mergeable" when someone merged the
 * same head a moment before (an owner who approved and clicked Merge). That is no refusal to put
 * to the owners: the PR is merged, and the finish is the same whoever merged it.
 */
describe("attemptMerge after a 405", () => {
  const refusedThenRead = (read: ReturnType<typeof taskPull>) =>
    mergeQueueRepo({
      mergeQueues: [],
      stubs: {
        mergePull: async () => {
          throw githubError(405, "Pull Request is not mergeable");
        },
        getPull: async () => read,
      },
    });

  it("takes a PR merged on the judged head as merged, with GitHub's merge commit", async () => {
    const { ctx } = refusedThenRead(
      taskPull({ state: "closed", merged: true, merge_commit_sha: mergeSha, mergeable: null }),
    );
    expect(await attemptMerge(ctx, 7, "squash", head)).toEqual({ kind: "merged", sha: mergeSha });
  });

  it("does not take a merge of another head for the judged one", async () => {
    const { ctx } = refusedThenRead(
      taskPull({
        state: "closed",
        merged: true,
        merge_commit_sha: mergeSha,
        head: { sha: newHead, ref: "autopilot/T-5-x", repo: { full_name: "acme/widgets" } },
      }),
    );
    expect(await attemptMerge(ctx, 7, "squash", head)).toEqual({ kind: "head_moved" });
  });
});
