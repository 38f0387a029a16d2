/** The start of the title of every review run that called no model (no API keys, the budget spent). */
export const noReviewTitle = "No review: ";
/** What the title of a review carried over to a new head (no model called) says. */
const carriedWords = "(carried over from ";

/**
 * How many of the app's review runs on a pull request's commits were model reviews: a run whose
 * title says no model was asked (`No review: …`) or that the review was carried over from an
 * earlier head (the base moved) is not counted. Titles are the app's own: only it writes its runs.
 */
export function modelReviewsAmong(runs: ReadonlyArray<{ title: string | null }>): number {
  return runs.filter(
    (run) => run.title !== null && !run.title.startsWith(noReviewTitle) && !run.title.includes(carriedWords),
  ).length;
}

/** The review check's title and summary when a pull request (a task's or another) has had its reviews. */
export function reviewBudgetSpent(reviews: number, max: number, task = true): { title: string; summary: string } {
  const until = task
    ? "An owner's `/review` on the pull request has this head reviewed; until then the merge waits for a review."
    : "An owner's `/review` on the pull request has this head reviewed (not one who wrote the change).";
  return {
    title: `${noReviewTitle}this ${task ? "task" : "pull request"} has had its ${max} reviews`,
    summary:
      `The models reviewed ${reviews} heads of this pull request, as many as \`review.max_reviews_per_task\` (${max}) allows, so this head was not sent to them: ` +
      `pushing again and again would otherwise spend without end. ${until}`,
  };
}
