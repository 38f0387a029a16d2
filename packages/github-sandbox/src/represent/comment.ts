import type { CommentState, RepoState } from "../state/index.js";
import { authorAssociation, issueHtmlUrl } from "./issue.js";
import type { Links } from "./links.js";
import { reactionRollup } from "./reaction.js";
import { userJson } from "./user.js";

/**
 * GitHub's `issue-comment`, on an issue or a pull request's conversation: what the comments REST
 * endpoints answer and the `comment` of `issue_comment` webhook payloads.
 */
export function commentJson(repo: RepoState, comment: CommentState, links: Links): Record<string, unknown> {
  const issue = repo.issues.get(comment.issueNumber);
  const issueHtml = issueHtmlUrl(repo, { number: comment.issueNumber, pull: issue?.pull }, links);
  return {
    url: `${links.api}/repos/${repo.fullName}/issues/comments/${comment.id}`,
    html_url: `${issueHtml}#issuecomment-${comment.id}`,
    issue_url: `${links.api}/repos/${repo.fullName}/issues/${comment.issueNumber}`,
    id: comment.id,
    node_id: comment.nodeId,
    user: userJson(comment.user, links),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: authorAssociation(repo, comment.user),
    body: comment.body,
    reactions: reactionRollup(repo, { kind: "issue_comment", id: comment.id }, links),
    performed_via_github_app: null,
  };
}
