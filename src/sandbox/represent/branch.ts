import type { CommitInfo } from "../git/index.js";
import type { RepoState } from "../state/index.js";
import { commitJson } from "./commit.js";
import { encodePath, repoApiUrl, repoHtmlUrl } from "./git.js";
import type { Links } from "./links.js";

/** GitHub's `short-branch` (`GET /branches`): the name and the tip. The sandbox protects no branch. */
export function shortBranchJson(repo: RepoState, name: string, sha: string, links: Links): Record<string, unknown> {
  return {
    name,
    commit: { sha, url: `${repoApiUrl(repo, links)}/commits/${sha}` },
    protected: false,
  };
}

/**
 * GitHub's `branch-with-protection` (`GET /branches/{branch}`): the tip as a full commit, and the
 * protection an unprotected branch reports (disabled, no required checks).
 */
export function branchJson(repo: RepoState, name: string, tip: CommitInfo, links: Links): Record<string, unknown> {
  const self = `${repoApiUrl(repo, links)}/branches/${encodePath(name)}`;
  return {
    name,
    commit: commitJson(repo, tip, links),
    _links: { self, html: `${repoHtmlUrl(repo, links)}/tree/${encodePath(name)}` },
    protected: false,
    protection: { enabled: false, required_status_checks: { enforcement_level: "off", contexts: [], checks: [] } },
    protection_url: `${self}/protection`,
  };
}
