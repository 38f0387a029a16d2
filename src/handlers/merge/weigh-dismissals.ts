import { hasDismissedReview, mayLiftObjection, reinstateObjections } from "../../core/merge/index.js";
import type { PullReview } from "../../github/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import type { OverruledDismissal } from "../../core/merge/index.js";
import { ownersAmong } from "./resolve-owners.js";

/**
 * The PR's reviews with each dismissal weighed: a request for changes dismissed by someone who may
 * not lift it (one of the change's own accounts, a bot, a writer outside `owners`; with no
 * `owners` listed, anyone without write access) still holds the merge. GitHub lets any writer
 * dismiss a review and its reviews list says only `DISMISSED`; the issue events name who did. They
 * are read only when a review is dismissed, so a PR without one costs nothing more.
 */
export async function weighDismissals(
  ctx: ConfiguredContext,
  pull: { number: number },
  reviews: PullReview[],
  changeAccounts: () => Promise<string[]>,
): Promise<{ reviews: PullReview[]; overruled: OverruledDismissal[] }> {
  const unchanged = { reviews, overruled: [] };
  if (!hasDismissedReview(reviews)) return unchanged;
  const dismissals = (await ctx.github.listIssueEvents(pull.number)).flatMap((event) =>
    event.event === "review_dismissed" && event.dismissed_review
      ? [
          {
            reviewId: event.dismissed_review.review_id,
            actor: event.actor?.login ?? "",
            priorState: event.dismissed_review.state,
          },
        ]
      : [],
  );
  if (!dismissals.some((item) => item.priorState.toLowerCase() === "changes_requested")) return unchanged;
  const actors = [...new Set(dismissals.map((item) => item.actor).filter(Boolean))];
  const facts = { owners: await ownersAmong(ctx, actors), changeAccounts: await changeAccounts() };
  const weighed = reinstateObjections(reviews, dismissals, (login) => mayLiftObjection(login, facts));
  const standing = weighed.filter((review, index) => review.state !== reviews[index]?.state);
  if (standing.length > 0)
    ctx.log.info(
      { pr: pull.number, reviews: standing.map((review) => review.id) },
      "merge: a request for changes dismissed by someone who may not lift it still holds",
    );
  const overruled = standing.map((review) => ({
    reviewer: review.user?.login ?? "",
    dismissedBy: dismissals.find((item) => item.reviewId === review.id)?.actor ?? "",
  }));
  return { reviews: weighed, overruled };
}
