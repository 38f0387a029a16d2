import { type LineComment, lineReviewMarker } from "../../core/review/index.js";
import { statusOf } from "../../github/index.js";
import type { ConfiguredContext } from "../repo-context.js";

/**
 * The review's risks on their lines (`riskLineComments`): one `COMMENT` review per reviewed head,
 * each risk whose evidence line the diff shows as a comment there (with a suggestion when the red
 * team gave a small, certain fix). The app's line reviews of earlier heads are hidden as outdated
 * (GitHub does not dismiss a COMMENT review). The sticky summary comment and the check run stay
 * the record: a line review GitHub refuses (a line it will not anchor) is logged and skipped.
 *
 * `earlier` says whether a line review of the app's may already be on the PR (the previous review
 * record's `line_reviews`, true when unknown). With no comment to post and none earlier, there is
 * nothing to hide and nothing to post twice: the PR's reviews are not read. That flag only ever
 * spares the listing when there is nothing to post: posting always lists first (once per head, as
 * GitHub has them), so an edited record can at worst leave an earlier line review unhidden, a
 * cosmetic miss (hiding changes no review's state, and the merge reads none of the app's).
 */
export async function publishLineReview(
  ctx: ConfiguredContext,
  pull: { number: number; headSha: string },
  comments: readonly LineComment[],
  botLogin: string,
  earlier: boolean,
  /** risks with a line in the diff left out by `review.max_line_comments` */
  left = 0,
): Promise<{ posted: number }> {
  if (comments.length === 0 && !earlier) return { posted: 0 };
  const ours = (await ctx.github.listReviews(pull.number)).filter(
    (review) => review.user?.login === botLogin && review.body.includes(lineReviewMarker),
  );
  for (const review of ours.filter((item) => item.commit_id !== pull.headSha)) {
    await ctx.github.minimizeOutdated(review.node_id).catch((error: unknown) => {
      ctx.log.warn({ err: error, review: review.id }, "review: could not hide an outdated line review");
    });
  }
  // once per head: a second review of the same head (a changed configuration) keeps the first's lines
  if (ours.some((item) => item.commit_id === pull.headSha)) return { posted: 0 };
  if (comments.length === 0) return { posted: 0 };
  const body = [
    lineReviewMarker,
    `Autopilot's review of ${pull.headSha.slice(0, 7)}: ${comments.length} risk${comments.length === 1 ? "" : "s"} on the lines below${left > 0 ? `, the most severe (${left} more only in the review comment)` : ""}. The summary, every finding and the decision are in the review comment.`,
  ].join("\n");
  try {
    await ctx.github.createLineReview(pull.number, { commitId: pull.headSha, body, comments });
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    ctx.log.warn(
      { err: error, pr: pull.number },
      "review: GitHub refused the line review; the findings stay in the summary comment",
    );
    return { posted: 0 };
  }
  return { posted: comments.length };
}
