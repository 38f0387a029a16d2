import type { CommitInfo } from "../git/index.js";
import type { RepoState } from "../state/index.js";
import { branchProtectionSummary } from "./branch-protection.js";
import { commitJson } from "./commit.js";
import { encodePath, repoApiUrl, repoHtmlUrl } from "./git.js";
import type { Links } from "./links.js";

/** GitHub's `short-branch` (`GET /branches`): the name, the tip and whether it is protected. */
export function shortBranchJson(repo: RepoState, name: string, sha: string, links: Links): Record<string, unknown> {
  return {
    name,
    commit: { sha, url: `${repoApiUrl(repo, links)}/commits/${sha}` },
    protected: repo.protections.has(name),
  };
}

/**
 * GitHub's `branch-with-protection` (`GET /branches/{branch}`): the tip as a full commit, and a
 * summary of the branch's protection (disabled, no required checks, when it has none).
 */
export function branchJson(repo: RepoState, name: string, tip: CommitInfo, links: Links): Record<string, unknown> {
  const self = `${repoApiUrl(repo, links)}/branches/${encodePath(name)}`;
  return {
    name,
    commit: commitJson(repo, tip, links),
    _links: { self, html: `${repoHtmlUrl(repo, links)}/tree/${encodePath(name)}` },
    protected: repo.protections.has(name),
    protection: branchProtectionSummary(repo.protections.get(name)),
    protection_url: `${self}/protection`,
  };
}
