import { normalizeLogin } from "./normalize-login.js";

/** A review's dismissal as GitHub's issue events record it (`review_dismissed`): who, and what it was. */
export interface ReviewDismissal {
  reviewId: number;
  /** who dismissed it */
  actor: string;
  /** the review's state before, lowercase as GitHub writes it (`changes_requested`, `approved`) */
  priorState: string;
}

/** A request for changes whose dismissal does not count: whose it is, and who dismissed it. */
export interface OverruledDismissal {
  reviewer: string;
  dismissedBy: string;
}

/** The slice of a PR review this needs: GitHub's reviews list shows a dismissed review as `DISMISSED`, nothing more. */
interface ListedReview {
  id: number;
  state: string;
}

/** Whether any review is dismissed: only then is it worth reading who dismissed it. */
export const hasDismissedReview = (reviews: readonly ListedReview[]): boolean =>
  reviews.some((review) => review.state === "DISMISSED");

/** Who may lift an owner's objection by dismissing it: an owner who is not one of the change's own accounts, nor a bot. */
export function mayLiftObjection(
  login: string,
  facts: { owners: readonly string[]; changeAccounts: readonly string[] },
): boolean {
  const who = normalizeLogin(login);
  if (who.endsWith("[bot]")) return false;
  if (facts.changeAccounts.some((account) => normalizeLogin(account) === who)) return false;
  return facts.owners.some((owner) => normalizeLogin(owner) === who);
}

/**
 * The reviews as the merge decision should count them: a request for changes dismissed by someone
 * who may not lift it (`mayLift`: the coding agent's account, a writer outside `owners`, a bot)
 * still stands, so it reads as `CHANGES_REQUESTED` again. Any write access lets one dismiss a
 * review, and the reviews list does not say who did; the issue events do. A dismissal GitHub
 * recorded no event for is taken as it is.
 */
export function reinstateObjections<T extends ListedReview>(
  reviews: readonly T[],
  dismissals: readonly ReviewDismissal[],
  mayLift: (login: string) => boolean,
): T[] {
  return reviews.map((review) => {
    if (review.state !== "DISMISSED") return review;
    const dismissal = dismissals.find((item) => item.reviewId === review.id);
    if (dismissal === undefined || dismissal.priorState.toLowerCase() !== "changes_requested") return review;
    return mayLift(dismissal.actor) ? review : { ...review, state: "CHANGES_REQUESTED" };
  });
}
