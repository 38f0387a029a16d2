import type { IssueState, RepoState, SandboxUser } from "../state/index.js";
import { byLabelName, labelJson } from "./label.js";
import type { Links } from "./links.js";
import { reactionRollup } from "./reaction.js";
import { userJson } from "./user.js";

/**
 * GitHub's `author_association` of an account with a repository: `OWNER` for the owning account,
 * `COLLABORATOR` for anyone given a permission on it (the sandbox does not model organization
 * membership, which GitHub reports as `MEMBER`), `NONE` otherwise, bots included.
 */
export function authorAssociation(repo: RepoState, user: SandboxUser): string {
  if (user.login.toLowerCase() === repo.owner.login.toLowerCase()) return "OWNER";
  if (user.type !== "Bot" && repo.collaborators.has(user.login.toLowerCase())) return "COLLABORATOR";
  return "NONE";
}

/** How many comments an issue has: GitHub's `comments` counts issue comments, not review comments. */
export function commentCount(repo: RepoState, number: number): number {
  let count = 0;
  for (const comment of repo.comments.values()) if (comment.issueNumber === number) count += 1;
  return count;
}

/** The web page of an issue: pull requests live under `/pull/`, issues under `/issues/`. */
export function issueHtmlUrl(repo: RepoState, issue: Pick<IssueState, "number" | "pull">, links: Links): string {
  return `${links.web}/${repo.fullName}/${issue.pull ? "pull" : "issues"}/${issue.number}`;
}

/** The `pull_request` field an issue representation of a pull request carries. */
function pullRequestLink(repo: RepoState, issue: IssueState, links: Links): Record<string, unknown> | undefined {
  if (!issue.pull) return undefined;
  const html = issueHtmlUrl(repo, issue, links);
  return {
    url: `${links.api}/repos/${repo.fullName}/pulls/${issue.number}`,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    merged_at: issue.pull.mergedAt,
  };
}

/**
 * GitHub's `issue`, for an issue or a pull request (which then has `pull_request` and `draft`):
 * what the issues REST endpoints answer, and the `issue` object of `issues` and `issue_comment`
 * webhook payloads. Takes a plain (possibly cloned) issue and reads comment and reaction counts
 * from the live repository.
 */
export function issueJson(repo: RepoState, issue: IssueState, links: Links): Record<string, unknown> {
  const url = `${links.api}/repos/${repo.fullName}/issues/${issue.number}`;
  const pullRequest = pullRequestLink(repo, issue, links);
  const assignees = issue.assignees.map((user) => userJson(user, links));
  return {
    url,
    repository_url: `${links.api}/repos/${repo.fullName}`,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: issueHtmlUrl(repo, issue, links),
    id: issue.id,
    node_id: issue.nodeId,
    number: issue.number,
    title: issue.title,
    user: userJson(issue.user, links),
    labels: [...issue.labels].sort(byLabelName).map((label) => labelJson(label, repo, links)),
    state: issue.state,
    locked: issue.locked,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    comments: commentCount(repo, issue.number),
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: authorAssociation(repo, issue.user),
    active_lock_reason: issue.locked ? (issue.lockReason ?? null) : null,
    ...(issue.pull ? { draft: issue.pull.draft, pull_request: pullRequest } : {}),
    body: issue.body,
    closed_by: issue.closedBy ? userJson(issue.closedBy, links) : null,
    reactions: reactionRollup(repo, { kind: "issue", number: issue.number }, links),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.stateReason,
    sub_issues_summary: { total: 0, completed: 0, percent_completed: 0 },
  };
}
