import { graphqlOperationId, type SandboxRequest, type SandboxResponse } from "../../http/index.js";
import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { createPull } from "./create-pull.js";
import { answerGraphql } from "../../graphql/answer-graphql.js";
import { mergePull } from "./merge-pull.js";
import { checkIfMerged, getPull, listPullCommits, listPullFiles, listPulls } from "./read-pulls.js";
import { listRequestedReviewers, removeRequestedReviewers, requestReviewers } from "./review-requests.js";
import {
  createReview,
  deletePendingReview,
  dismissReview,
  getReview,
  listReviews,
  submitReview,
  updateReview,
} from "./reviews.js";
import {
  createReplyForReviewComment,
  createReviewComment,
  deleteReviewComment,
  getReviewComment,
  listCommentsForReview,
  listReviewComments,
  updateReviewComment,
} from "./review-comments.js";
import { updatePullBranch } from "./update-branch.js";
import { updatePull } from "./update-pull.js";

type PullHandler = (ctx: RestContext, request: SandboxRequest) => Promise<SandboxResponse>;

const handlers: Record<string, PullHandler> = {
  "pulls/create": createPull,
  "pulls/get": getPull,
  "pulls/list": listPulls,
  "pulls/update": updatePull,
  "pulls/list-files": listPullFiles,
  "pulls/list-commits": listPullCommits,
  "pulls/check-if-merged": checkIfMerged,
  "pulls/merge": mergePull,
  "pulls/update-branch": updatePullBranch,
  "pulls/create-review": createReview,
  "pulls/list-reviews": listReviews,
  "pulls/get-review": getReview,
  "pulls/submit-review": submitReview,
  "pulls/dismiss-review": dismissReview,
  "pulls/update-review": updateReview,
  "pulls/delete-pending-review": deletePendingReview,
  "pulls/list-review-comments": listReviewComments,
  "pulls/list-comments-for-review": listCommentsForReview,
  "pulls/get-review-comment": getReviewComment,
  "pulls/update-review-comment": updateReviewComment,
  "pulls/delete-review-comment": deleteReviewComment,
  "pulls/create-review-comment": createReviewComment,
  "pulls/create-reply-for-review-comment": createReplyForReviewComment,
  "pulls/request-reviewers": requestReviewers,
  "pulls/remove-requested-reviewers": removeRequestedReviewers,
  "pulls/list-requested-reviewers": listRequestedReviewers,
  [graphqlOperationId]: answerGraphql,
};

/** Pull requests, their reviews, merging and branch updates, and GraphQL's draft mutations. */
export function registerPullHandlers(server: HandlerRegistry, ctx: RestContext): void {
  for (const [operationId, handler] of Object.entries(handlers))
    server.register(operationId, (request) => handler(ctx, request));
}
