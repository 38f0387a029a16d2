import type { RepoState } from "../state/index.js";
import type { Links } from "./links.js";
import { userJson } from "./user.js";

export interface RepositoryJsonOptions {
  defaultBranch: string;
  /** `permissions` as seen by the caller; omitted when not given (webhook payloads carry none). */
  permissions?: { admin: boolean; maintain: boolean; push: boolean; triage: boolean; pull: boolean };
  /**
   * Whether to show the pull request settings (`allow_merge_commit`, …): GitHub shows them to a
   * caller with admin access only, and webhook payloads' repositories carry none.
   */
  withSettings?: boolean;
}

/** The repository's pull request settings, as `GET /repos/{o}/{r}` shows them to an admin. */
function settingsJson(repo: RepoState): Record<string, boolean> {
  const settings = repo.mergeSettings;
  return {
    allow_squash_merge: settings.allowSquashMerge,
    allow_merge_commit: settings.allowMergeCommit,
    allow_rebase_merge: settings.allowRebaseMerge,
    allow_auto_merge: false,
    delete_branch_on_merge: settings.deleteBranchOnMerge,
    allow_update_branch: settings.allowUpdateBranch,
  };
}

/** The URL fields every repository representation carries. */
function repositoryUrls(repo: RepoState, links: Links): Record<string, string> {
  const url = `${links.api}/repos/${repo.fullName}`;
  const html = `${links.web}/${repo.fullName}`;
  return {
    html_url: html,
    url,
    forks_url: `${url}/forks`,
    keys_url: `${url}/keys{/key_id}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    teams_url: `${url}/teams`,
    hooks_url: `${url}/hooks`,
    issue_events_url: `${url}/issues/events{/number}`,
    events_url: `${url}/events`,
    assignees_url: `${url}/assignees{/user}`,
    branches_url: `${url}/branches{/branch}`,
    tags_url: `${url}/tags`,
    blobs_url: `${url}/git/blobs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    trees_url: `${url}/git/trees{/sha}`,
    statuses_url: `${url}/statuses/{sha}`,
    languages_url: `${url}/languages`,
    stargazers_url: `${url}/stargazers`,
    contributors_url: `${url}/contributors`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    commits_url: `${url}/commits{/sha}`,
    git_commits_url: `${url}/git/commits{/sha}`,
    comments_url: `${url}/comments{/number}`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    contents_url: `${url}/contents/{+path}`,
    compare_url: `${url}/compare/{base}...{head}`,
    merges_url: `${url}/merges`,
    archive_url: `${url}/{archive_format}{/ref}`,
    downloads_url: `${url}/downloads`,
    issues_url: `${url}/issues{/number}`,
    pulls_url: `${url}/pulls{/number}`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    labels_url: `${url}/labels{/name}`,
    releases_url: `${url}/releases{/id}`,
    deployments_url: `${url}/deployments`,
    git_url: `${links.web.replace(/^https?:/, "git:")}/${repo.fullName}.git`,
    ssh_url: `git@sandbox.localhost:${repo.fullName}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
  };
}

/** Open issues and pull requests, GitHub's `open_issues_count`. */
export function openIssueCount(repo: RepoState): number {
  let count = 0;
  for (const issue of repo.issues.values()) if (issue.state === "open") count += 1;
  return count;
}

/**
 * GitHub's `full-repository` (`GET /repos/{o}/{r}`), which is also a valid `repository` and the
 * `repository` object of webhook payloads.
 */
export function repositoryJson(repo: RepoState, links: Links, options: RepositoryJsonOptions): Record<string, unknown> {
  const open = openIssueCount(repo);
  return {
    id: repo.id,
    node_id: repo.nodeId,
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    owner: userJson(repo.owner, links),
    description: repo.description,
    fork: repo.parent !== undefined,
    ...repositoryUrls(repo, links),
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: repo.archivedAt !== null,
    disabled: false,
    open_issues_count: open,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: repo.private ? "private" : "public",
    forks: 0,
    open_issues: open,
    watchers: 0,
    default_branch: options.defaultBranch,
    created_at: repo.createdAt,
    updated_at: repo.updatedAt,
    pushed_at: repo.pushedAt,
    ...(options.permissions ? { permissions: options.permissions } : {}),
    ...(options.withSettings ? settingsJson(repo) : {}),
    network_count: 0,
    subscribers_count: 0,
    ...(repo.owner.type === "Organization" ? { organization: userJson(repo.owner, links) } : {}),
  };
}
