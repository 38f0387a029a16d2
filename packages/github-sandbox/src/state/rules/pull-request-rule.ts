import { countedApprovals, missingCodeOwners } from "../merge-requirements.js";
import type { IssueState, RepoState } from "../repo-state.js";
import { hasUnresolvedThread, unresolvedConversationMessage } from "../review-threads.js";
import type { PullRequestRuleParameters } from "../ruleset-state.js";
import { activeRulesFor, type RuleWriter } from "../rulesets.js";

export type MergeMethod = PullRequestRuleParameters["allowed_merge_methods"][number];

const mergeMethods: readonly MergeMethod[] = ["merge", "squash", "rebase"];

/**
 * The `pull_request` rules of the active rulesets on the branch as one, the way GitHub layers
 * rulesets: the most restrictive of each parameter applies (the highest review count, any rule
 * asking for a review or resolution, only the merge methods every rule allows).
 */
export function pullRequestRuleOf(
  repo: RepoState,
  branch: string,
  by?: RuleWriter,
): PullRequestRuleParameters | undefined {
  const rules = activeRulesFor(repo, branch, by).flatMap(({ rule }) =>
    rule.type === "pull_request" ? [rule.parameters] : [],
  );
  if (rules.length === 0) return undefined;
  const any = (
    key: keyof Omit<PullRequestRuleParameters, "required_approving_review_count" | "allowed_merge_methods">,
  ) => rules.some((rule) => rule[key]);
  return {
    required_approving_review_count: Math.max(...rules.map((rule) => rule.required_approving_review_count)),
    dismiss_stale_reviews_on_push: any("dismiss_stale_reviews_on_push"),
    require_code_owner_review: any("require_code_owner_review"),
    require_last_push_approval: any("require_last_push_approval"),
    required_review_thread_resolution: any("required_review_thread_resolution"),
    allowed_merge_methods: mergeMethods.filter((method) =>
      rules.every((rule) => rule.allowed_merge_methods.includes(method)),
    ),
  };
}

/** A direct write to a branch under a `pull_request` rule, in GitHub's words. */
export const throughPullRequestLine = "Changes must be made through a pull request.";

/**
 * What a `pull_request` rule still asks of the pull request, one line per unmet part in GitHub's
 * words: the merge method (when merging), approving reviews counted as classic protection counts
 * them (latest verdict per reviewer with write access, not the author; only the head's with
 * `dismiss_stale_reviews_on_push`), code owners' approvals, an approval of the last push by someone
 * other than its pusher, and every review thread resolved (outdated ones too).
 */
export async function pullRequestRuleViolations(
  repo: RepoState,
  issue: IssueState,
  rule: PullRequestRuleParameters,
  baseSha: string,
  changedFiles: string[],
  method?: MergeMethod,
): Promise<string[]> {
  const pull = issue.pull;
  if (!pull) return [];
  const lines: string[] = [];
  // the sandbox's best reading: GitHub's exact wording for a refused merge method is not documented
  if (method !== undefined && !rule.allowed_merge_methods.includes(method))
    lines.push(`Merge method ${method} is not allowed on this branch.`);
  const approvals = countedApprovals(repo, issue, rule.dismiss_stale_reviews_on_push);
  const count = rule.required_approving_review_count;
  if (approvals.length < count)
    lines.push(
      `At least ${count} approving review${count === 1 ? " is" : "s are"} required by reviewers with write access.`,
    );
  if (rule.require_code_owner_review) {
    const approvers = new Set(approvals.map((review) => review.user.login.toLowerCase()));
    const missing = await missingCodeOwners(repo, baseSha, approvers, changedFiles);
    if (missing.length > 0) lines.push(`Waiting on code owner review from ${missing.join(" and/or ")}.`);
  }
  if (rule.require_last_push_approval) {
    // before any push since it was opened, the head is taken to be its author's push
    const pusher = pull.headPushedBy ?? issue.user;
    const approvedByAnother = countedApprovals(repo, issue, true).some((review) => review.user.id !== pusher.id);
    if (!approvedByAnother) lines.push("New changes require approval from someone other than the last pusher.");
  }
  if (rule.required_review_thread_resolution && hasUnresolvedThread(repo, issue.number))
    lines.push(unresolvedConversationMessage);
  return lines;
}
