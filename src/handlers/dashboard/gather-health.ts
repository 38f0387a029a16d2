import {
  assessHealth,
  stuckTasks,
  type BranchCiResult,
  type Health,
  type ReviewRunStatus,
} from "../../core/progress/index.js";
import { listEntries, type QueueDocument } from "../../core/queue/index.js";
import { parseReviewComment, recordSealHolds, sealedAt } from "../../core/review/index.js";
import { isNotFound, stickyMarker } from "../../github/index.js";
import type { RepoContext } from "../repo-context.js";

/** Task PRs whose reviews are looked at: enough to see `reviewErrorsForRed` errors in a row. */
const reviewedPullsLooked = 5;

const lastAt = (history: readonly { at: string }[]): number => Date.parse(history[history.length - 1]?.at ?? "") || 0;

/** A task PR's review as the job that just published it knows it: its status and when (ms since the epoch). */
export interface KnownReview {
  status: ReviewRunStatus;
  at: number;
}

/**
 * How the latest reviews ended, oldest first: the record in the review comment of the most
 * recently active task PRs (`incomplete` is a review that errored: a provider down, keys
 * revoked, output that never parsed). One comment listing per PR, at most five PRs; none for a PR
 * in `known` (the review a job just published there, null when it has none: a PR it just opened).
 * Red health stops every new task, so only the app's own comment counts (any app or Actions job
 * with `issues: write` can post one with its marker), and of it only a record whose seal holds
 * (any writer can edit the app's comment): a PR without such a record tells nothing.
 */
async function recentReviews(
  ctx: RepoContext,
  queue: QueueDocument,
  known: ReadonlyMap<number, KnownReview | null>,
): Promise<ReviewRunStatus[]> {
  const { github } = ctx;
  const pulls = listEntries(queue)
    .filter((entry) => entry.pr !== null)
    .sort((a, b) => lastAt(b.history) - lastAt(a.history))
    .slice(0, reviewedPullsLooked);
  const marker = stickyMarker("review");
  const login = await ctx.services.login();
  const reviews: { at: number; status: ReviewRunStatus }[] = [];
  for (const entry of pulls) {
    const told = known.get(entry.pr as number);
    if (told !== undefined) {
      if (told !== null) reviews.push(told);
      continue;
    }
    // a PR the queue names may be gone (deleted with its repository's history, transferred): it tells nothing
    const comments = await github.listComments(entry.pr as number).catch((error: unknown) => {
      if (isNotFound(error)) return [];
      throw error;
    });
    const comment = comments.find((item) => item.user?.login === login && (item.body ?? "").startsWith(marker));
    const record = comment ? parseReviewComment(comment.body ?? "") : undefined;
    if (comment === undefined || record === undefined) continue;
    const sealed = sealedAt({ ...ctx, nodeId: await github.repositoryNodeId() }, entry.pr as number);
    if (await recordSealHolds(record, ctx.services.recordVerifiers, sealed))
      // the review's own time: an edit (a writer putting an earlier sealed record back) moves the comment's
      reviews.push({ at: Date.parse(record.reviewed_at ?? comment.updated_at), status: record.status });
    else ctx.log.warn({ pr: entry.pr }, "health: the review record on the PR is not as the app wrote it; not counted");
  }
  return reviews.sort((a, b) => a.at - b.at).map((review) => review.status);
}

/**
 * The repository's health from what GitHub shows now: review errors in a row on recent task
 * PRs, CI on the default branch head, and tasks the stale sweeper had to hand to the owner.
 * `ci`: the head's CI as the readiness evaluation judged it (statuses the agent posted not
 * counted); `knownReviews`: task PRs' reviews a job knows without reading their comments (see
 * `recentReviews`).
 */
export async function gatherHealth(
  ctx: RepoContext,
  queue: QueueDocument,
  ci: BranchCiResult,
  knownReviews: ReadonlyMap<number, KnownReview | null> = new Map(),
): Promise<Health> {
  return assessHealth({
    recentReviews: await recentReviews(ctx, queue, knownReviews),
    defaultBranchCi: ci.state,
    ciFailures: ci.failing,
    stuckTasks: stuckTasks(queue),
  });
}
