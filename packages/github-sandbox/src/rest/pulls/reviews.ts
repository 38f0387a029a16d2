import { SandboxHttpError, type SandboxRequest, type SandboxResponse } from "../../http/index.js";
import { reviewJson } from "../../represent/review.js";
import { legacyNodeId, type RepoState, type ReviewState } from "../../state/index.js";
import { checkBody } from "../issues/issue-fields.js";
import { actorOf, linksOf, type RestContext, pagedList } from "../rest-context.js";
import { findPull, pullRepo, unprocessable, type PullAccess, type PullIssue } from "./pull-access.js";
import { commentsOfReview, emitCommentEvent, prepareReviewComments } from "./review-comments.js";
import type { CommentInput } from "./review-anchors.js";
import {
  answerReviewRequest,
  checkSubmission,
  findReview,
  reviewStateOf,
  reviewsOf,
  type ReviewEvent,
} from "./review-rules.js";

interface ReviewBody {
  commit_id?: string;
  body?: string;
  event?: ReviewEvent;
  comments?: CommentInput[];
}

/** Anyone who can read may review; an installation needs `pull_requests: write`. */
const reviewAccess = { write: true, push: false } as const;

function answer(repo: RepoState, review: ReviewState, request: SandboxRequest): SandboxResponse {
  return { status: 200, body: reviewJson(repo, review, linksOf(request)) };
}

/** A review's submission: its comments' `pull_request_review_comment.created`, then one `pull_request_review.submitted`. */
async function submitted(ctx: RestContext, repo: RepoState, issue: PullIssue, review: ReviewState): Promise<void> {
  review.submittedAt = ctx.state.iso();
  answerReviewRequest(issue, review.user);
  for (const comment of commentsOfReview(repo, review))
    await emitCommentEvent(ctx, repo, issue, comment, "created", review.user);
  ctx.events.emit({ name: "pull_request_review", action: "submitted", repo, sender: review.user, pull: issue, review });
}

/** The review `{review_id}` of pull request `{pull_number}`, with the caller acting on it. */
function reviewAt(ctx: RestContext, request: SandboxRequest, access: PullAccess) {
  const repo = pullRepo(ctx, request, access);
  const issue = findPull(repo, request.params.pull_number);
  const actor = actorOf(ctx, request.principal);
  return { repo, issue, actor, review: findReview(repo, issue, request.params.review_id, actor) };
}

/**
 * `POST /pulls/{n}/reviews`: with an `event` the review is submitted at once
 * (`pull_request_review.submitted`); without, it stays PENDING until submitted.
 */
export async function createReview(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = pullRepo(ctx, request, reviewAccess);
  const issue = findPull(repo, request.params.pull_number);
  const body = (request.body ?? {}) as ReviewBody;
  const reviewer = actorOf(ctx, request.principal);
  if (body.body !== undefined) checkBody(body.body, "PullRequestReview");
  if (body.event === undefined) {
    if (
      reviewsOf(repo, issue, reviewer).some((review) => review.state === "PENDING" && review.user.id === reviewer.id)
    ) {
      throw unprocessable("User can only have one pending review per pull request");
    }
  } else {
    checkSubmission(issue, reviewer, body.event, body.body ?? "");
  }
  let commitId = issue.pull.head.sha;
  if (body.commit_id !== undefined) {
    const commit = await repo.git.getCommit(body.commit_id);
    if (!commit) throw unprocessable(`No commit found for SHA: ${body.commit_id}`);
    commitId = commit.sha;
  }
  const storeComments = await prepareReviewComments(ctx, repo, issue, commitId, body.comments ?? [], reviewer);
  const id = ctx.state.nextId();
  const review: ReviewState = {
    id,
    nodeId: legacyNodeId("PullRequestReview", id),
    pullNumber: issue.number,
    user: reviewer,
    body: body.body ?? "",
    state: body.event === undefined ? "PENDING" : reviewStateOf[body.event],
    commitId,
    submittedAt: null,
  };
  repo.reviews.set(id, review);
  storeComments(review);
  if (review.state !== "PENDING") await submitted(ctx, repo, issue, review);
  return answer(repo, review, request);
}

/** `POST /pulls/{n}/reviews/{id}/events`: submits the caller's pending review. */
export async function submitReview(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const { repo, issue, actor: reviewer, review } = reviewAt(ctx, request, reviewAccess);
  const body = request.body as { body?: string; event: ReviewEvent };
  if (review.state !== "PENDING") throw unprocessable("Can not submit a non-pending review");
  const text = checkBody(body.body ?? review.body, "PullRequestReview");
  checkSubmission(issue, reviewer, body.event, text);
  Object.assign(review, { body: text, state: reviewStateOf[body.event] });
  await submitted(ctx, repo, issue, review);
  return answer(repo, review, request);
}

/**
 * `PUT /pulls/{n}/reviews/{id}/dismissals`: needs push access; only approvals and change requests.
 * The `message` GitHub requires (the request validator refuses a body without it) goes to the
 * pull request's `review_dismissed` event, with the dismisser and the state the review had.
 */
export async function dismissReview(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const { repo, issue, actor: sender, review } = reviewAt(ctx, request, { write: true });
  if (review.state === "PENDING") throw unprocessable("Can not dismiss a pending review");
  if (review.state === "COMMENTED") throw unprocessable("Can not dismiss a commented pull request review");
  if (review.state !== "DISMISSED") {
    const dismissal = {
      reviewId: review.id,
      previousState: review.state,
      message: (request.body as { message: string }).message,
      // best reading of `dismissal_commit_id`: the head the pull request had when it was dismissed
      commitId: issue.pull.head.sha,
    };
    review.state = "DISMISSED";
    ctx.events.emit({ name: "pull_request_review", action: "dismissed", repo, sender, pull: issue, review, dismissal });
  }
  return answer(repo, review, request);
}

/** `PUT /pulls/{n}/reviews/{id}`: the author edits the body (`pull_request_review.edited` once submitted). */
export async function updateReview(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const { repo, issue, actor: sender, review } = reviewAt(ctx, request, reviewAccess);
  if (review.user.id !== sender.id) throw new SandboxHttpError(403, "You can only edit your own reviews.");
  review.body = checkBody((request.body as { body: string }).body, "PullRequestReview");
  if (review.state !== "PENDING")
    ctx.events.emit({ name: "pull_request_review", action: "edited", repo, sender, pull: issue, review });
  return answer(repo, review, request);
}

/** `DELETE /pulls/{n}/reviews/{id}`: only a pending review can be deleted. */
export async function deletePendingReview(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const { repo, review } = reviewAt(ctx, request, reviewAccess);
  if (review.state !== "PENDING") throw unprocessable("Can not delete a non-pending pull request review");
  repo.reviews.delete(review.id);
  for (const comment of commentsOfReview(repo, review)) repo.reviewComments.delete(comment.id);
  return answer(repo, review, request);
}

/** `GET /pulls/{n}/reviews/{id}`. */
export async function getReview(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const { repo, review } = reviewAt(ctx, request, { write: false });
  return answer(repo, review, request);
}

/** `GET /pulls/{n}/reviews`: chronological, paginated. */
export async function listReviews(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = pullRepo(ctx, request, { write: false });
  const issue = findPull(repo, request.params.pull_number);
  const links = linksOf(request);
  return pagedList(reviewsOf(repo, issue, actorOf(ctx, request.principal)), request, (review) =>
    reviewJson(repo, review, links),
  );
}
