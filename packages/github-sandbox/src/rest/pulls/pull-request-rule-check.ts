import { SandboxHttpError } from "../../http/index.js";
import type { RepoState } from "../../state/index.js";
import { changedPathsOf } from "../../state/pull-analysis.js";
import { pullRequestRuleOf, pullRequestRuleViolations, type MergeMethod } from "../../state/rules/pull-request-rule.js";
import { ruleViolationMessage } from "../../state/rules/push-rules.js";
import type { RuleWriter } from "../../state/rulesets.js";
import type { PullIssue } from "./pull-access.js";

/**
 * 405 "Repository rule violations found" with a line per unmet part of the base's `pull_request`
 * rules, for admins and apps alike but those rulesets' bypass lists let past (`by`).
 */
export async function assertPullRequestRuleSatisfied(
  repo: RepoState,
  issue: PullIssue,
  method: MergeMethod,
  by: RuleWriter,
): Promise<void> {
  const rule = pullRequestRuleOf(repo, issue.pull.base.ref, by);
  if (!rule) return;
  const base = await repo.git.getRef(`refs/heads/${issue.pull.base.ref}`);
  if (base === undefined) return;
  const files = await changedPathsOf(repo, issue);
  const lines = await pullRequestRuleViolations(repo, issue, rule, base, files, method);
  if (lines.length > 0) throw new SandboxHttpError(405, ruleViolationMessage(lines));
}
