import { codeOwnersOf, codeownersPaths, parseCodeowners } from "./codeowners.js";
import type { BranchProtectionState, IssueState, RepoState, ReviewState } from "./repo-state.js";
import { requiredChecksMessage, requiredChecksOn } from "./required-checks.js";
import { hasUnresolvedThread, unresolvedConversationMessage } from "./review-threads.js";

/** What a protected base still asks of a pull request before it may merge. */
export interface MergeRequirements {
  /** GitHub's 405 message for the first unmet requirement other than being behind, if any */
  blockedBy: string | undefined;
  /** strict required checks and a head that lacks base commits */
  behind: boolean;
}

const writeRoles = new Set(["admin", "maintain", "write"]);

const roleOf = (repo: RepoState, login: string): string =>
  login.toLowerCase() === repo.owner.login.toLowerCase()
    ? "admin"
    : (repo.collaborators.get(login.toLowerCase()) ?? "none");

/**
 * The approvals that count: each reviewer's latest deciding review (comments do not replace a
 * verdict) when it approves, from someone with write access who is not the author; with
 * `dismissStale`, only approvals of the current head.
 */
export function countedApprovals(repo: RepoState, issue: IssueState, dismissStale: boolean): ReviewState[] {
  const latest = new Map<number, ReviewState>();
  const reviews = [...repo.reviews.values()]
    .filter((review) => review.pullNumber === issue.number)
    .sort((a, b) => a.id - b.id);
  for (const review of reviews) {
    if (review.state === "APPROVED" || review.state === "CHANGES_REQUESTED" || review.state === "DISMISSED") {
      latest.set(review.user.id, review);
    }
  }
  const head = issue.pull?.head.sha;
  return [...latest.values()].filter(
    (review) =>
      review.state === "APPROVED" &&
      review.user.id !== issue.user.id &&
      writeRoles.has(roleOf(repo, review.user.login)) &&
      (!dismissStale || review.commitId === head),
  );
}

/** The code owners (as CODEOWNERS writes them) of changed files that no counted approval covers. */
export async function missingCodeOwners(
  repo: RepoState,
  baseSha: string,
  approvers: Set<string>,
  files: string[],
): Promise<string[]> {
  for (const path of codeownersPaths) {
    const file = await repo.git.readFile(baseSha, path);
    if (!file) continue;
    const codeowners = parseCodeowners(file.content.toString("utf8"));
    const missing = new Set<string>();
    for (const changed of files) {
      // GitHub ignores a code owner without write access: a line naming only such users owns nothing
      const owners = codeOwnersOf(codeowners, changed).filter(
        (owner) => !/^@[^/]+$/.test(owner) || writeRoles.has(roleOf(repo, owner.slice(1))),
      );
      // a user owner is `@login`; teams (`@org/team`) and email addresses cannot approve here
      const covered = owners.some((owner) => /^@[^/]+$/.test(owner) && approvers.has(owner.slice(1).toLowerCase()));
      if (owners.length > 0 && !covered) for (const owner of owners) missing.add(owner);
    }
    return [...missing];
  }
  return [];
}

/**
 * Whether `protection` on the base lets the pull request merge, with GitHub's 405 messages:
 * required approving reviews, code-owner reviews (CODEOWNERS of the base), resolved conversations, required checks on
 * the head and, with `strict`, a head that contains the base tip.
 */
export async function mergeRequirementsOf(
  repo: RepoState,
  issue: IssueState,
  protection: BranchProtectionState,
  baseSha: string,
  changedFiles: string[],
): Promise<MergeRequirements> {
  const pull = issue.pull;
  if (!pull) return { blockedBy: undefined, behind: false };
  const reviews = protection.requiredReviews;
  const checks = protection.requiredStatusChecks;
  const behind = checks?.strict === true && !(await repo.git.isAncestor(baseSha, pull.head.sha));
  if (reviews) {
    const approvals = countedApprovals(repo, issue, reviews.dismissStale);
    if (approvals.length < reviews.count) {
      const count = reviews.count;
      const blockedBy = `At least ${count} approving review${count === 1 ? " is" : "s are"} required by reviewers with write access.`;
      return { blockedBy, behind };
    }
    if (reviews.codeOwners) {
      const approvers = new Set(approvals.map((review) => review.user.login.toLowerCase()));
      const missing = await missingCodeOwners(repo, baseSha, approvers, changedFiles);
      if (missing.length > 0)
        return { blockedBy: `Waiting on code owner review from ${missing.join(" and/or ")}.`, behind };
    }
  }
  if (protection.requiredConversationResolution && hasUnresolvedThread(repo, issue.number))
    return { blockedBy: unresolvedConversationMessage, behind };
  if (checks) {
    const outcome = requiredChecksOn(repo, pull.head.sha, checks.checks);
    if (!outcome.satisfied) return { blockedBy: requiredChecksMessage(outcome, checks.checks.length), behind };
  }
  return { blockedBy: undefined, behind };
}
