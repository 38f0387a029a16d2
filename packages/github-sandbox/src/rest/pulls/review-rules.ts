import { SandboxHttpError } from "../../http/index.js";
import type { RepoState, ReviewState, ReviewStateName, SandboxUser } from "../../state/index.js";
import { unprocessable, type PullIssue } from "./pull-access.js";

export type ReviewEvent = "APPROVE" | "REQUEST_CHANGES" | "COMMENT";

export const reviewStateOf: Record<ReviewEvent, ReviewStateName> = {
  APPROVE: "APPROVED",
  REQUEST_CHANGES: "CHANGES_REQUESTED",
  COMMENT: "COMMENTED",
};

/**
 * What GitHub refuses when a review is submitted: approving or requesting changes on your own
 * pull request, and a comment or change request without a body.
 */
export function checkSubmission(issue: PullIssue, reviewer: SandboxUser, event: ReviewEvent, body: string): void {
  if (reviewer.id === issue.user.id) {
    if (event === "APPROVE") throw unprocessable("Can not approve your own pull request");
    if (event === "REQUEST_CHANGES") throw unprocessable("Can not request changes on your own pull request");
  }
  if (event !== "APPROVE" && body.trim() === "") throw unprocessable("Body can't be blank");
}

/**
 * The review `{review_id}` of the pull request; someone else's pending review is invisible (404),
 * as on GitHub.
 */
export function findReview(repo: RepoState, issue: PullIssue, id: unknown, viewer: SandboxUser): ReviewState {
  const review = repo.reviews.get(Number(id));
  if (!review || review.pullNumber !== issue.number) throw new SandboxHttpError(404, "Not Found");
  if (review.state === "PENDING" && review.user.id !== viewer.id) throw new SandboxHttpError(404, "Not Found");
  return review;
}

/** The reviews of a pull request in the order they were created, without others' pending ones. */
export function reviewsOf(repo: RepoState, issue: PullIssue, viewer: SandboxUser): ReviewState[] {
  return [...repo.reviews.values()]
    .filter(
      (review) => review.pullNumber === issue.number && (review.state !== "PENDING" || review.user.id === viewer.id),
    )
    .sort((a, b) => a.id - b.id);
}

/** A submitted review answers the reviewer's review request, as GitHub drops it from `requested_reviewers`. */
export function answerReviewRequest(issue: PullIssue, reviewer: SandboxUser): void {
  issue.pull.requestedReviewers = issue.pull.requestedReviewers.filter((user) => user.id !== reviewer.id);
}
