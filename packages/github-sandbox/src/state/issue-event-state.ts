import type { SandboxUser } from "./sandbox-user.js";

/** What `dismissed_review` of a `review_dismissed` issue event says about the dismissal. */
export interface DismissedReviewState {
  reviewId: number;
  /** the review's state before it was dismissed */
  previousState: "APPROVED" | "CHANGES_REQUESTED";
  /** the dismisser's message; null when GitHub dismissed it as stale on a push */
  message: string | null;
  /** the pull request's head when the review was dismissed */
  commitId: string;
}

interface IssueEventBase {
  id: number;
  nodeId: string;
  issueNumber: number;
  /** who did it: a person, or an app's `<slug>[bot]` */
  actor: SandboxUser;
  createdAt: string;
}

/** What happened, with what GitHub's event of that kind carries besides the common fields. */
export type IssueEventDetail =
  | { event: "labeled" | "unlabeled"; label: { name: string; color: string } }
  | { event: "closed" | "reopened" }
  | { event: "merged"; commitId: string }
  | { event: "review_dismissed"; dismissedReview: DismissedReviewState };

/**
 * One entry of an issue's (or pull request's) events, `GET /issues/{n}/events`, kept as it
 * happened: a label keeps the name and colour it had then, as GitHub's events do.
 */
export type IssueEventState = IssueEventBase & IssueEventDetail;
