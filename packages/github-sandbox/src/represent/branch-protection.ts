import type { BranchProtectionState, RepoState, SandboxState } from "../state/index.js";
import { encodePath, repoApiUrl } from "./git.js";
import type { Links } from "./links.js";
import { appJson } from "./app.js";
import { userJson } from "./user.js";

/** `…/branches/{branch}/protection` of a branch. */
export const protectionUrl = (repo: RepoState, branch: string, links: Links): string =>
  `${repoApiUrl(repo, links)}/branches/${encodePath(branch)}/protection`;

/** The apps `restrictions` let push, as GitHub shows them: each app in full (`GET /app`'s shape). */
export const restrictedAppsJson = (state: SandboxState, slugs: string[], links: Links): Record<string, unknown>[] =>
  slugs.flatMap((slug) => {
    const app = state.appBySlug(slug);
    return app ? [appJson(state, links, app)] : [];
  });

/** GitHub's `protected-branch` (`GET`/`PUT …/protection`): every setting, each with its own URL where GitHub gives one. */
export function branchProtectionJson(
  state: SandboxState,
  repo: RepoState,
  branch: string,
  protection: BranchProtectionState,
  links: Links,
): Record<string, unknown> {
  const url = protectionUrl(repo, branch, links);
  const json: Record<string, unknown> = { url };
  const checks = protection.requiredStatusChecks;
  if (checks) {
    json.required_status_checks = {
      url: `${url}/required_status_checks`,
      strict: checks.strict,
      contexts: checks.checks.map((check) => check.context),
      checks: checks.checks.map((check) => ({ context: check.context, app_id: check.appId })),
      contexts_url: `${url}/required_status_checks/contexts`,
    };
  }
  const reviews = protection.requiredReviews;
  if (reviews) {
    json.required_pull_request_reviews = {
      url: `${url}/required_pull_request_reviews`,
      dismiss_stale_reviews: reviews.dismissStale,
      require_code_owner_reviews: reviews.codeOwners,
      required_approving_review_count: reviews.count,
      require_last_push_approval: reviews.lastPushApproval,
    };
  }
  if (protection.restrictions) {
    json.restrictions = {
      url: `${url}/restrictions`,
      users_url: `${url}/restrictions/users`,
      teams_url: `${url}/restrictions/teams`,
      apps_url: `${url}/restrictions/apps`,
      users: protection.restrictions.users.map((login) => userJson(state.ensureUser(login), links)),
      teams: [],
      apps: restrictedAppsJson(state, protection.restrictions.apps, links),
    };
  }
  return {
    ...json,
    required_signatures: { url: `${url}/required_signatures`, enabled: false },
    enforce_admins: { url: `${url}/enforce_admins`, enabled: protection.enforceAdmins },
    required_linear_history: { enabled: protection.requiredLinearHistory },
    allow_force_pushes: { enabled: protection.allowForcePushes },
    allow_deletions: { enabled: protection.allowDeletions },
    block_creations: { enabled: false },
    required_conversation_resolution: { enabled: protection.requiredConversationResolution },
    lock_branch: { enabled: protection.lockBranch },
    allow_fork_syncing: { enabled: false },
  };
}

/** The short `protection` a branch shows in `GET /branches/{branch}`. */
export function branchProtectionSummary(protection: BranchProtectionState | undefined): Record<string, unknown> {
  const checks = protection?.requiredStatusChecks;
  if (!protection)
    return { enabled: false, required_status_checks: { enforcement_level: "off", contexts: [], checks: [] } };
  return {
    enabled: true,
    required_status_checks: {
      enforcement_level: checks ? (protection.enforceAdmins ? "everyone" : "non_admins") : "off",
      contexts: checks?.checks.map((check) => check.context) ?? [],
      checks: checks?.checks.map((check) => ({ context: check.context, app_id: check.appId })) ?? [],
    },
  };
}
