import { mergeabilityOf, pullDiff } from "../state/pull-analysis.js";
import type { IssueState, PullState, RepoState } from "../state/index.js";
import { authorAssociation, commentCount } from "./issue.js";
import { byLabelName, labelJson } from "./label.js";
import type { Links } from "./links.js";
import { repositoryJson } from "./repository.js";
import { userJson } from "./user.js";

/** `head` / `base`: `owner:branch`, the commit, and the repository (for a fork's head, the fork). */
function branchJson(base: RepoState, side: PullState["head"], links: Links): Record<string, unknown> {
  const repo = side.repo ?? base;
  // GitHub's pull requests carry their repositories without `organization` (which the webhook
  // schema would even want as a string)
  const { organization: _organization, ...repository } = repositoryJson(repo, links, {
    defaultBranch: repo.defaultBranch,
  });
  return {
    label: `${repo.owner.login}:${side.ref}`,
    ref: side.ref,
    sha: side.sha,
    user: userJson(repo.owner, links),
    repo: repository,
  };
}

function requirePull(issue: IssueState): PullState {
  if (!issue.pull) throw new Error(`sandbox: #${issue.number} is an issue, not a pull request`);
  return issue.pull;
}

/** The API and web URLs of a pull request. */
export function pullUrls(repo: RepoState, number: number, links: Links): { url: string; html: string } {
  return {
    url: `${links.api}/repos/${repo.fullName}/pulls/${number}`,
    html: `${links.web}/${repo.fullName}/pull/${number}`,
  };
}

/** GitHub's `pull-request-simple` (`GET /pulls` items, review-request answers). */
export function pullRequestSimpleJson(repo: RepoState, issue: IssueState, links: Links): Record<string, unknown> {
  const pull = requirePull(issue);
  const { url, html } = pullUrls(repo, issue.number, links);
  const repoUrl = `${links.api}/repos/${repo.fullName}`;
  const issueUrl = `${repoUrl}/issues/${issue.number}`;
  const statusesUrl = `${repoUrl}/statuses/${pull.head.sha}`;
  return {
    url,
    id: issue.pullId ?? issue.id,
    node_id: issue.pullNodeId ?? issue.nodeId,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueUrl,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${repoUrl}/pulls/comments{/number}`,
    comments_url: `${issueUrl}/comments`,
    statuses_url: statusesUrl,
    number: issue.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: userJson(issue.user, links),
    body: issue.body,
    // `pull-request-simple` documents a label's description as a string, never null
    labels: [...issue.labels]
      .sort(byLabelName)
      .map((label) => ({ ...labelJson(label, repo, links), description: label.description ?? "" })),
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: issue.assignees[0] ? userJson(issue.assignees[0], links) : null,
    assignees: issue.assignees.map((user) => userJson(user, links)),
    requested_reviewers: pull.requestedReviewers.map((user) => userJson(user, links)),
    requested_teams: [],
    head: branchJson(repo, pull.head, links),
    base: branchJson(repo, pull.base, links),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${repoUrl}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: statusesUrl },
    },
    author_association: authorAssociation(repo, issue.user),
    auto_merge: null,
    draft: pull.draft,
  };
}

/**
 * GitHub's full `pull-request` (`GET /pulls/{n}`, create, update, and the `pull_request` of
 * webhook payloads): the simple form plus what git says — mergeability from a test merge of head
 * into base, the commit and file counts, and for an open pull request the test merge commit as
 * `merge_commit_sha`, as GitHub reports it.
 */
export async function pullRequestJson(
  repo: RepoState,
  issue: IssueState,
  links: Links,
  reader: "rest" | "webhook" = "rest",
): Promise<Record<string, unknown>> {
  const pull = requirePull(issue);
  const [diff, mergeability] = await Promise.all([pullDiff(repo, issue), mergeabilityOf(repo, issue, reader)]);
  const files = diff?.files ?? [];
  return {
    ...pullRequestSimpleJson(repo, issue, links),
    merge_commit_sha: pull.merged ? pull.mergeCommitSha : mergeability.testMergeSha,
    merged: pull.merged,
    mergeable: mergeability.mergeable,
    rebaseable: mergeability.mergeable,
    mergeable_state: mergeability.state,
    merged_by: pull.mergedBy ? userJson(pull.mergedBy, links) : null,
    comments: commentCount(repo, issue.number),
    // submitted reviews' comments: a pending review's are not counted until it is submitted
    review_comments: [...repo.reviewComments.values()].filter(
      (comment) => comment.pullNumber === issue.number && repo.reviews.get(comment.reviewId)?.state !== "PENDING",
    ).length,
    maintainer_can_modify: pull.maintainerCanModify,
    commits: diff?.commits.length ?? 0,
    additions: files.reduce((sum, file) => sum + file.additions, 0),
    deletions: files.reduce((sum, file) => sum + file.deletions, 0),
    changed_files: files.length,
  };
}
