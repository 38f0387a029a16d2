import type { MergeMethod } from "../../config/index.js";
import { backoffDelay, messageOf, sleepMs, statusOf } from "../../github/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import { requiresMergeQueue } from "./enqueue-merge.js";

/**
 * What GitHub said to a merge pinned to a head:
 * - `merged`: done, with the merge commit's SHA;
 * - `head_moved`: 409, the head is no longer the commit that was judged (nothing merged);
 * - `conflict`: 405 and GitHub now reports the PR as not mergeable into its base;
 * - `draft`: 405 because the PR went back to draft meanwhile;
 * - `queue_required`: 405 and GitHub's rules for the base require a merge queue (read, not guessed
 *   from the message): the PR goes through the queue instead;
 * - `refused`: 405 for another reason (a branch protection rule), with GitHub's message and the
 *   PR's `mergeable`/`mergeable_state` as GitHub reported them right after.
 */
export type MergeAttempt =
  | { kind: "merged"; sha: string }
  | { kind: "head_moved" }
  | { kind: "conflict" }
  | { kind: "draft" }
  | { kind: "queue_required" }
  | {
      kind: "refused";
      message: string;
      mergeable: boolean | null;
      mergeableState: string;
      /** the PR's line comments as GitHub counted them right after (0: it has no review thread) */
      reviewComments?: number;
    };

/** Reads of the refused PR while GitHub reports `mergeable: null`. */
const mergeabilityReads = 3;

/**
 * `PUT /pulls/{n}/merge` with `sha` pinned, so a head that moved after the decision is never
 * merged: GitHub answers 409 instead. A 405 is told apart by reading the PR again, since GitHub
 * uses it for conflicts, drafts and unmet branch protection alike (a `mergeable: null` there is
 * read again shortly, as GitHub computes it after the refusal). Octokit's retry plugin would
 * send the same request three more times on a 405 or 409; for a pinned merge the answer cannot
 * change, so the request is sent once.
 */
export async function attemptMerge(
  ctx: ConfiguredContext,
  pullNumber: number,
  method: MergeMethod,
  sha: string,
): Promise<MergeAttempt> {
  const { github } = ctx;
  try {
    return { kind: "merged", sha: (await github.mergePull(pullNumber, method, sha)).sha };
  } catch (error) {
    const status = statusOf(error);
    if (status === 409) return { kind: "head_moved" };
    if (status !== 405) throw error;
    let pull = await github.getPull(pullNumber);
    // GitHub may still be computing mergeability (null): read again, a bounded number of times
    for (let read = 1; pull.mergeable === null && pull.state === "open" && read < mergeabilityReads; read += 1) {
      await sleepMs(100 + backoffDelay(read, { baseMs: 400, capMs: 800 }));
      pull = await github.getPull(pullNumber);
    }
    // merged meanwhile (a person's click on the same head, a merge the 405 answered late): not a
    // refusal to ask the owners about; the finish is the same whoever merged
    if (pull.merged === true && pull.head.sha === sha && pull.merge_commit_sha)
      return { kind: "merged", sha: pull.merge_commit_sha };
    if (pull.head.sha !== sha) return { kind: "head_moved" };
    if (pull.draft) return { kind: "draft" };
    if (pull.mergeable === false || pull.mergeable_state === "dirty") return { kind: "conflict" };
    // "Changes must be made through the merge queue": GitHub's rules for the base say whether it is so
    if (await requiresMergeQueue(ctx, pullNumber, pull.base.ref)) return { kind: "queue_required" };
    return {
      kind: "refused",
      message: messageOf(error),
      mergeable: pull.mergeable,
      mergeableState: pull.mergeable_state,
      ...(pull.review_comments === undefined ? {} : { reviewComments: pull.review_comments }),
    };
  }
}
