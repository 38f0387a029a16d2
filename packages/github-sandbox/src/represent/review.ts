import type { RepoState, ReviewState } from "../state/index.js";
import type { Links } from "./links.js";
import { authorAssociation } from "./issue.js";
import { pullUrls } from "./pull-request.js";
import { userJson } from "./user.js";

/** GitHub's `pull-request-review`; a pending review has no `submitted_at`, as on GitHub. */
export function reviewJson(repo: RepoState, review: ReviewState, links: Links): Record<string, unknown> {
  const { url, html } = pullUrls(repo, review.pullNumber, links);
  const reviewHtml = `${html}#pullrequestreview-${review.id}`;
  return {
    id: review.id,
    node_id: review.nodeId,
    user: userJson(review.user, links),
    body: review.body,
    state: review.state,
    html_url: reviewHtml,
    pull_request_url: url,
    author_association: authorAssociation(repo, review.user),
    _links: { html: { href: reviewHtml }, pull_request: { href: url } },
    ...(review.submittedAt === null ? {} : { submitted_at: review.submittedAt }),
    commit_id: review.commitId,
  };
}
