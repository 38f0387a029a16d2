import { SandboxHttpError } from "../../http/index.js";
import type { RepoState } from "../../state/index.js";
import { changedPathsOf } from "../../state/pull-analysis.js";
import {
  pullRequestRuleOf,
  pullRequestRuleViolations,
  ruleViolationsMessage,
  type MergeMethod,
} from "../../state/rules/pull-request-rule.js";
import type { PullIssue } from "./pull-access.js";

/**
 * 405 "Repository rule violations found" with a line per unmet part of the base's `pull_request`
 * rules, for admins and apps alike (the sandbox models no bypass actors).
 */
export async function assertPullRequestRuleSatisfied(
  repo: RepoState,
  issue: PullIssue,
  method: MergeMethod,
): Promise<void> {
  const rule = pullRequestRuleOf(repo, issue.pull.base.ref);
  if (!rule) return;
  const base = await repo.git.getRef(`refs/heads/${issue.pull.base.ref}`);
  if (base === undefined) return;
  const files = await changedPathsOf(repo, issue);
  const lines = await pullRequestRuleViolations(repo, issue, rule, base, files, method);
  if (lines.length > 0) throw new SandboxHttpError(405, ruleViolationsMessage(lines));
}
