import type { RepoState, ReviewCommentState } from "../state/index.js";
import { authorAssociation } from "./issue.js";
import type { Links } from "./links.js";
import { pullUrls } from "./pull-request.js";
import { reactionContents } from "./reaction.js";
import { userJson } from "./user.js";

/**
 * Where a review comment is at the pull request's head: its line, start line and position there,
 * or null for each when it is outdated (a later push changed its lines), as GitHub answers.
 */
export interface CommentPlacement {
  line: number | null;
  startLine: number | null;
  position: number | null;
  /** the head it was placed at, or the commit it was made on when outdated */
  commitId: string;
}

/**
 * GitHub's `pull-request-review-comment`: what the review-comment endpoints answer and the
 * `comment` of `pull_request_review_comment` webhooks. GitHub sends `line` and `position` null
 * for an outdated comment (the webhook schema types them `integer | null`).
 */
export function reviewCommentJson(
  repo: RepoState,
  comment: ReviewCommentState,
  placement: CommentPlacement,
  links: Links,
): Record<string, unknown> {
  const { url: pullUrl, html } = pullUrls(repo, comment.pullNumber, links);
  const url = `${links.api}/repos/${repo.fullName}/pulls/comments/${comment.id}`;
  const htmlUrl = `${html}#discussion_r${comment.id}`;
  const reactions: Record<string, unknown> = { url: `${url}/reactions`, total_count: 0 };
  for (const content of reactionContents) reactions[content] = 0;
  return {
    url,
    pull_request_review_id: comment.reviewId,
    id: comment.id,
    node_id: comment.nodeId,
    diff_hunk: comment.diffHunk,
    path: comment.path,
    position: placement.position,
    original_position: comment.originalPosition,
    commit_id: placement.commitId,
    original_commit_id: comment.originalCommitId,
    ...(comment.inReplyToId === undefined ? {} : { in_reply_to_id: comment.inReplyToId }),
    user: userJson(comment.user, links),
    body: comment.body,
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    html_url: htmlUrl,
    pull_request_url: pullUrl,
    author_association: authorAssociation(repo, comment.user),
    _links: { self: { href: url }, html: { href: htmlUrl }, pull_request: { href: pullUrl } },
    reactions,
    start_line: placement.startLine,
    original_start_line: comment.originalStartLine,
    start_side: comment.startSide,
    line: placement.line,
    original_line: comment.originalLine,
    side: comment.side,
    subject_type: "line",
  };
}
