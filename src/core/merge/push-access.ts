/**
 * GitHub's answer (405) to a merge by someone the base's protection does not let push: classic
 * protection's "Restrict who can push to matching branches" covers merging pull requests too, and
 * a GitHub App counts only when the list names it (`restrictions.apps`). GitHub words it "You're
 * not authorized to push to this branch. Visit https://docs.github.com/articles/about-protected-branches/
 * for more information." No review, check or retry changes that answer: only an admin adding the
 * app to the list, or a person allowed to push merging the pull request.
 */
export const refusedForPushAccess = (message: string | undefined): boolean =>
  /not authorized to push to this branch/i.test(message ?? "");
