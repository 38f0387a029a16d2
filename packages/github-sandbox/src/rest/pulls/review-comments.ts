import {
  SandboxHttpError,
  type GithubErrorDetail,
  type SandboxRequest,
  type SandboxResponse,
} from "../../http/index.js";
import { reviewCommentJson } from "../../represent/review-comment.js";
import {
  legacyNodeId,
  toSentence,
  type RepoState,
  type ReviewCommentState,
  type ReviewState,
  type SandboxUser,
} from "../../state/index.js";
import { pullDiff } from "../../state/pull-analysis.js";
import { checkBody } from "../issues/issue-fields.js";
import { actorOf, linksOf, pagedList, type RestContext } from "../rest-context.js";
import { canPush, findPull, pullRepo, unprocessable, type PullIssue } from "./pull-access.js";
import { anchorInPull, placeComment, type CommentInput } from "./review-anchors.js";
import { findReview } from "./review-rules.js";

/** Anyone who can read may comment on a pull request's lines; an installation needs `pull_requests: write`. */
const commentAccess = { write: true, push: false } as const;

/** A review comment as the caller may see it: a pending review's comments are its author's alone. */
function visibleTo(repo: RepoState, comment: ReviewCommentState, viewer: SandboxUser): boolean {
  const review = repo.reviews.get(comment.reviewId);
  return review?.state !== "PENDING" || review.user.id === viewer.id;
}

/** The comment's JSON with where it is at the head now (`line: null` once outdated). */
async function commentJsonNow(
  ctx: RestContext,
  repo: RepoState,
  comment: ReviewCommentState,
  request: SandboxRequest,
): Promise<Record<string, unknown>> {
  const issue = findPull(repo, comment.pullNumber);
  return reviewCommentJson(repo, comment, await placeComment(ctx, repo, issue, comment), linksOf(request));
}

/** Emits `pull_request_review_comment.<action>` with the comment where it is now. */
export async function emitCommentEvent(
  ctx: RestContext,
  repo: RepoState,
  issue: PullIssue,
  comment: ReviewCommentState,
  action: "created" | "edited" | "deleted",
  sender: SandboxUser,
  changes?: Record<string, { from: unknown }>,
): Promise<void> {
  const placement = await placeComment(ctx, repo, issue, comment);
  ctx.events.emit({
    name: "pull_request_review_comment",
    action,
    repo,
    sender,
    pull: issue,
    comment,
    placement,
    ...(changes ? { changes } : {}),
  });
}

/** A comment of a review, anchored; its problems, if any, in GitHub's words. */
type Anchored =
  | { ok: true; comment: Omit<ReviewCommentState, "id" | "nodeId" | "reviewId"> }
  | { ok: false; problems: string[] };

async function anchorOne(
  ctx: RestContext,
  repo: RepoState,
  issue: PullIssue,
  commitId: string,
  input: CommentInput,
  author: SandboxUser,
): Promise<Anchored> {
  if (input.body !== undefined) checkBody(input.body, "PullRequestReviewComment");
  const anchor = await anchorInPull(ctx, repo, issue, commitId, input);
  if (!anchor.ok) return anchor;
  const now = ctx.state.iso();
  return {
    ok: true,
    comment: {
      pullNumber: issue.number,
      user: author,
      body: input.body ?? "",
      path: input.path ?? "",
      side: anchor.side,
      startSide: anchor.startSide,
      originalLine: anchor.line,
      originalStartLine: anchor.startLine,
      originalPosition: anchor.position,
      originalCommitId: commitId,
      diffHunk: anchor.diffHunk,
      createdAt: now,
      updatedAt: now,
    },
  };
}

function store(
  ctx: RestContext,
  repo: RepoState,
  reviewId: number,
  comment: Omit<ReviewCommentState, "id" | "nodeId" | "reviewId">,
): ReviewCommentState {
  const id = ctx.state.nextId();
  const stored: ReviewCommentState = { ...comment, id, nodeId: legacyNodeId("PullRequestReviewComment", id), reviewId };
  repo.reviewComments.set(id, stored);
  return stored;
}

/**
 * The `comments` of `POST /pulls/{n}/reviews`, checked all together before anything is stored:
 * one bad anchor refuses the whole review with GitHub's 422, whose single message joins the
 * problems (GitHub does not say which comment). Returns a function that stores them on the review.
 */
export async function prepareReviewComments(
  ctx: RestContext,
  repo: RepoState,
  issue: PullIssue,
  commitId: string,
  inputs: readonly CommentInput[],
  author: SandboxUser,
): Promise<(review: ReviewState) => ReviewCommentState[]> {
  const anchored = await Promise.all(inputs.map((input) => anchorOne(ctx, repo, issue, commitId, input, author)));
  const problems = [...new Set(anchored.flatMap((one) => (one.ok ? [] : one.problems)))];
  if (problems.length > 0) throw unprocessable(toSentence(problems));
  return (review) =>
    anchored.map((one) => store(ctx, repo, review.id, (one as Extract<Anchored, { ok: true }>).comment));
}

/** The comments of a review, oldest first. */
export const commentsOfReview = (repo: RepoState, review: ReviewState): ReviewCommentState[] =>
  [...repo.reviewComments.values()].filter((comment) => comment.reviewId === review.id).sort((a, b) => a.id - b.id);

/** `GET /pulls/{n}/comments`: the pull request's review comments, sorted by `sort`/`direction`, since `since`. */
export async function listReviewComments(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = pullRepo(ctx, request, { write: false });
  const issue = findPull(repo, request.params.pull_number);
  const viewer = actorOf(ctx, request.principal);
  const { sort, direction, since } = request.query as Record<string, string | undefined>;
  const key = (comment: ReviewCommentState): number =>
    Date.parse(sort === "updated" ? comment.updatedAt : comment.createdAt);
  const sign = direction === "desc" ? -1 : 1;
  const comments = [...repo.reviewComments.values()]
    .filter((comment) => comment.pullNumber === issue.number && visibleTo(repo, comment, viewer))
    .filter((comment) => since === undefined || Date.parse(comment.updatedAt) >= Date.parse(since))
    .sort((a, b) => sign * (key(a) - key(b) || a.id - b.id));
  const placed = new Map<number, Record<string, unknown>>();
  for (const comment of comments) placed.set(comment.id, await commentJsonNow(ctx, repo, comment, request));
  return pagedList(comments, request, (comment) => placed.get(comment.id));
}

/** `GET /pulls/{n}/reviews/{id}/comments`. */
export async function listCommentsForReview(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = pullRepo(ctx, request, { write: false });
  const issue = findPull(repo, request.params.pull_number);
  const review = findReview(repo, issue, request.params.review_id, actorOf(ctx, request.principal));
  const comments = commentsOfReview(repo, review);
  const placed = new Map<number, Record<string, unknown>>();
  for (const comment of comments) placed.set(comment.id, await commentJsonNow(ctx, repo, comment, request));
  return pagedList(comments, request, (comment) => placed.get(comment.id));
}

/** The comment `{comment_id}` as the caller may see it (404 otherwise, as GitHub). */
function pathComment(ctx: RestContext, request: SandboxRequest, access: { write: boolean; push?: boolean }) {
  const repo = pullRepo(ctx, request, access);
  const actor = actorOf(ctx, request.principal);
  const comment = repo.reviewComments.get(Number(request.params.comment_id));
  if (!comment || !visibleTo(repo, comment, actor)) throw new SandboxHttpError(404, "Not Found");
  return { repo, actor, comment, issue: findPull(repo, comment.pullNumber) };
}

/** `GET /pulls/comments/{id}`. */
export async function getReviewComment(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const { repo, comment } = pathComment(ctx, request, { write: false });
  return { status: 200, body: await commentJsonNow(ctx, repo, comment, request) };
}

/** `PATCH /pulls/comments/{id}`: only its author edits a comment's body (`pull_request_review_comment.edited`). */
export async function updateReviewComment(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const { repo, actor, comment, issue } = pathComment(ctx, request, commentAccess);
  if (comment.user.id !== actor.id) throw new SandboxHttpError(403, "You can only edit your own comments.");
  const body = checkBody((request.body as { body: string }).body, "PullRequestReviewComment");
  if (body !== comment.body) {
    const changes = { body: { from: comment.body } };
    comment.body = body;
    comment.updatedAt = ctx.state.iso();
    if (repo.reviews.get(comment.reviewId)?.state !== "PENDING")
      await emitCommentEvent(ctx, repo, issue, comment, "edited", actor, changes);
  }
  return { status: 200, body: await commentJsonNow(ctx, repo, comment, request) };
}

/** `DELETE /pulls/comments/{id}`: its author, or someone with push access (`pull_request_review_comment.deleted`). */
export async function deleteReviewComment(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const { repo, actor, comment, issue } = pathComment(ctx, request, commentAccess);
  if (comment.user.id !== actor.id && !canPush(ctx, repo, request))
    throw new SandboxHttpError(403, "Must have push access to this repository.");
  const placement = await placeComment(ctx, repo, issue, comment);
  repo.reviewComments.delete(comment.id);
  if (repo.reviews.get(comment.reviewId)?.state !== "PENDING") {
    ctx.events.emit({
      name: "pull_request_review_comment",
      action: "deleted",
      repo,
      sender: actor,
      pull: issue,
      comment,
      placement,
    });
  }
  return { status: 204 };
}

/** The single-comment endpoints' 422: GitHub's "Validation Failed" with one error per problem. */
function validationFailed(problems: readonly string[]): SandboxHttpError {
  const errors: GithubErrorDetail[] = problems.map((problem) => {
    const match = /^Pull request review thread (start line|line|path|diff hunk|end commit oid)\b ?(.*)$/.exec(problem);
    const field = `pull_request_review_thread.${(match?.[1] ?? "line").replaceAll(" ", "_")}`;
    if (match?.[1] === "diff hunk") return { resource: "PullRequestReviewComment", code: "missing_field", field };
    return {
      resource: "PullRequestReviewComment",
      code: "custom",
      field,
      message: `${field} ${match?.[2] ?? problem}`,
    };
  });
  return new SandboxHttpError(422, "Validation Failed", { errors });
}

/** A submitted COMMENT review holding one comment, as GitHub makes for a single comment or a reply. */
function singleCommentReview(
  ctx: RestContext,
  repo: RepoState,
  issue: PullIssue,
  author: SandboxUser,
  commitId: string,
): ReviewState {
  const id = ctx.state.nextId();
  const review: ReviewState = {
    id,
    nodeId: legacyNodeId("PullRequestReview", id),
    pullNumber: issue.number,
    user: author,
    body: "",
    state: "COMMENTED",
    commitId,
    submittedAt: ctx.state.iso(),
  };
  repo.reviews.set(id, review);
  return review;
}

async function postSingle(
  ctx: RestContext,
  request: SandboxRequest,
  repo: RepoState,
  issue: PullIssue,
  comment: Omit<ReviewCommentState, "id" | "nodeId" | "reviewId">,
  commitId: string,
): Promise<SandboxResponse> {
  const review = singleCommentReview(ctx, repo, issue, comment.user, commitId);
  const stored = store(ctx, repo, review.id, comment);
  issue.updatedAt = stored.createdAt;
  await emitCommentEvent(ctx, repo, issue, stored, "created", comment.user);
  ctx.events.emit({
    name: "pull_request_review",
    action: "submitted",
    repo,
    sender: comment.user,
    pull: issue,
    review,
  });
  const json = await commentJsonNow(ctx, repo, stored, request);
  return { status: 201, body: json, headers: { location: String(json.url) } };
}

/** A reply sits on the thread's first comment: its path, anchor and hunk. */
function replyTo(
  ctx: RestContext,
  repo: RepoState,
  issue: PullIssue,
  parentId: number,
  author: SandboxUser,
  body: string,
) {
  checkBody(body, "PullRequestReviewComment");
  const parent = repo.reviewComments.get(parentId);
  if (!parent || parent.pullNumber !== issue.number || !visibleTo(repo, parent, author))
    throw new SandboxHttpError(404, "Not Found");
  const root = parent.inReplyToId === undefined ? parent : (repo.reviewComments.get(parent.inReplyToId) ?? parent);
  const now = ctx.state.iso();
  const { id: _id, nodeId: _nodeId, reviewId: _reviewId, minimizedReason: _minimized, ...anchor } = root;
  return {
    comment: { ...anchor, user: author, body, inReplyToId: root.id, createdAt: now, updatedAt: now },
    commitId: root.originalCommitId,
  };
}

/**
 * `POST /pulls/{n}/comments`: one comment on `commit_id`, which must be a commit of the pull
 * request, anchored as in a review; or, with `in_reply_to`, a reply in that comment's thread
 * (everything but the body ignored). GitHub files it under a COMMENT review of its own.
 */
export async function createReviewComment(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = pullRepo(ctx, request, commentAccess);
  const issue = findPull(repo, request.params.pull_number);
  const author = actorOf(ctx, request.principal);
  const body = request.body as CommentInput & { body: string; commit_id: string; in_reply_to?: number };
  if (body.in_reply_to !== undefined) {
    const reply = replyTo(ctx, repo, issue, body.in_reply_to, author, body.body);
    return postSingle(ctx, request, repo, issue, reply.comment, reply.commitId);
  }
  const commits = (await pullDiff(repo, issue))?.commits ?? [];
  const commit = await repo.git.getCommit(body.commit_id);
  if (!commit || !commits.some((one) => one.sha === commit.sha)) {
    throw validationFailed([
      "Pull request review thread end commit oid is not part of the pull request",
      "Pull request review thread diff hunk can't be blank",
    ]);
  }
  const anchored = await anchorOne(ctx, repo, issue, commit.sha, body, author);
  if (!anchored.ok) throw validationFailed(anchored.problems);
  return postSingle(ctx, request, repo, issue, anchored.comment, commit.sha);
}

/** `POST /pulls/{n}/comments/{id}/replies`: a reply in the thread of comment `{id}`. */
export async function createReplyForReviewComment(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = pullRepo(ctx, request, commentAccess);
  const issue = findPull(repo, request.params.pull_number);
  const author = actorOf(ctx, request.principal);
  const reply = replyTo(
    ctx,
    repo,
    issue,
    Number(request.params.comment_id),
    author,
    (request.body as { body: string }).body,
  );
  return postSingle(ctx, request, repo, issue, reply.comment, reply.commitId);
}
