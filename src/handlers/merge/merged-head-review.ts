import { appSlugOf } from "../../core/own-check-run.js";
import { parseReviewComment, recordSealHolds, sealedAt } from "../../core/review/index.js";
import type { StickyComment } from "../../github/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import { recordOfReviewRun } from "../review/review-runs.js";
import type { FinishedTask } from "./finish-task.js";
import type { PullRead } from "./read-pull.js";

/** What the merge knows of the review of the head it merged (see `mergedHeadReview`). */
export type MergedReview = Pick<
  FinishedTask,
  "review" | "reviewUnsealed" | "reviewOfHead" | "reviewMissing" | "reviewFromRun"
>;

/** Why the comment does not hold the merged head's record. */
type CommentFault = Pick<FinishedTask, "reviewUnsealed" | "reviewOfHead" | "reviewMissing">;

/**
 * The review record the merge acts on (follow-ups opened, model calls put in the audit log): the
 * one in the PR's review comment when its seal holds and it is the merged head's. Any writer may
 * edit or delete the app's comment, or put back an earlier sealed version of it: the record is
 * then taken from the app's own review run on the merged head, whose text keeps a copy that only
 * the app can write. The run list is the one the merge evaluation read (answered 304 when the
 * same), read only when the comment does not hold the record. Without that copy (a run written
 * before runs kept one, a record past GitHub's 65,535 bytes) the merge acts on no record and
 * the flags say why.
 */
export async function mergedHeadReview(
  ctx: ConfiguredContext,
  pull: PullRead,
  comment: StickyComment | undefined,
  login: string,
): Promise<MergedReview> {
  const record = comment ? parseReviewComment(comment.body) : undefined;
  const sealed =
    record !== undefined &&
    (await recordSealHolds(
      record,
      ctx.services.recordVerifiers,
      sealedAt({ ...ctx, nodeId: pull.repoNodeId }, pull.number),
    ));
  if (sealed && record.head_sha === pull.headSha) return { review: record };
  const why: CommentFault =
    record === undefined
      ? comment === undefined
        ? { reviewMissing: true }
        : {}
      : !sealed
        ? { reviewUnsealed: true }
        : { reviewOfHead: record.head_sha };
  ctx.log.warn(
    { pr: pull.number, head: pull.headSha, ...why },
    "merge: the review comment does not hold the merged head's sealed record; reading the review run",
  );
  const kept = await recordOfReviewRun(ctx, pull.headSha, appSlugOf(login));
  return kept === undefined ? { ...why, review: undefined } : { ...why, review: kept, reviewFromRun: true };
}
