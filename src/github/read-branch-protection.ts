import type { KnownProtection } from "../core/merge/index.js";
import type { GithubClient, RepoRef } from "./client.js";
import { statusOf } from "./errors.js";

/** A refusal to read: the app lacks the permission (403), or GitHub hides the resource (404). */
const refusedToRead = (error: unknown): boolean => statusOf(error) === 403 || statusOf(error) === 404;

/** The required checks' names, from the old `contexts` list and the newer `checks`. */
const namesOf = (checks: { contexts?: string[]; checks?: { context: string }[] }): string[] => [
  ...new Set([...(checks.contexts ?? []), ...(checks.checks ?? []).map((check) => check.context)]),
];

/**
 * What the app may learn of a branch's protection. The full rules (`GET …/protection`) need the
 * `administration: read` permission, which Autopilot does not ask for: on a 403/404 it falls back
 * to `GET /branches/{branch}`, readable with `contents: read`, which says whether the branch is
 * protected and which status checks it requires; when that fails too, nothing is known.
 */
export async function readBranchProtection(
  octokit: GithubClient,
  ref: RepoRef & { branch: string },
): Promise<KnownProtection> {
  const { owner, repo, branch } = ref;
  try {
    const { data } = await octokit.rest.repos.getBranchProtection({ owner, repo, branch, request: { retries: 0 } });
    const reviews = data.required_pull_request_reviews;
    const checks = data.required_status_checks;
    return {
      kind: "rules",
      rules: {
        requiredApprovals: reviews ? (reviews.required_approving_review_count ?? 1) : 0,
        codeOwnerReviews: reviews?.require_code_owner_reviews === true,
        dismissStale: reviews?.dismiss_stale_reviews === true,
        requiredChecks: checks ? namesOf(checks) : [],
        strict: checks?.strict === true,
        conversationResolution: data.required_conversation_resolution?.enabled === true,
      },
    };
  } catch (error) {
    if (!refusedToRead(error)) throw error;
  }
  return readBranchSummary(octokit, ref);
}

/**
 * `GET /branches/{branch}`'s summary of a branch's protection (`contents: read`): whether it is
 * protected and which status checks it requires; unknown when GitHub refuses or has no such branch.
 */
export async function readBranchSummary(
  octokit: GithubClient,
  { owner, repo, branch }: RepoRef & { branch: string },
): Promise<KnownProtection> {
  try {
    const { data } = await octokit.rest.repos.getBranch({ owner, repo, branch });
    const checks = data.protection?.required_status_checks;
    return { kind: "summary", protected: data.protected, requiredChecks: checks ? namesOf(checks) : [] };
  } catch (error) {
    if (!refusedToRead(error)) throw error;
    return { kind: "unknown" };
  }
}
