import { judgeBranchRules, type BranchRule } from "./judge-branch-rules.js";
import type { DoctorCheck } from "./judge-workflow.js";

/**
 * The branch name whose rules stand for every task branch: GitHub's rules endpoint answers for a
 * branch that does not exist, and a task branch is `<branch_prefix>T-<n>-<slug>`, so a ruleset
 * targeting the prefix (`autopilot/**`, `autopilot/T-*`) or every branch covers it.
 */
export const taskBranchProbe = (prefix: string): string => `${prefix}T-1-task`;

/** Rules that refuse what every task needs on its branch: the app creates it and commits the task file, the agent pushes. */
const refusing: Readonly<Record<string, string>> = {
  creation: "no creation",
  update: "no updates",
  pull_request: "changes through a pull request",
  required_status_checks: "status checks on every commit before it is pushed",
  required_deployments: "deployments before an update",
};

/** Rules that may refuse some of that work. */
const doubtful: Readonly<Record<string, string>> = {
  required_signatures: "signed commits (the app's commits are signed by GitHub; the agent's must be signed too)",
  required_linear_history: "a linear history (the app brings a branch behind its base up to date with a merge commit)",
  commit_message_pattern: "a commit message pattern",
  commit_author_email_pattern: "a commit author email pattern",
  committer_email_pattern: "a committer email pattern",
};

/**
 * Whether rulesets let tasks start and work on their branches (`rules` are those GitHub lists for
 * `taskBranchProbe(prefix)`): a rule that forbids creating or updating the branch, or demands pull
 * requests, checks or deployments before a push, fails (the caller leaves out the rules of a
 * ruleset the app bypasses; the agent's own bypass is not known); signatures, patterns and linear history warn, and so does
 * `deletion` when `merge.delete_branch` has the app delete a merged task's branch.
 */
export function judgeTaskBranchRules(
  prefix: string,
  rules: readonly BranchRule[],
  options: { deleteBranch: boolean },
): DoctorCheck {
  const probe = taskBranchProbe(prefix);
  return judgeBranchRules(
    {
      check: `rulesets on task branches (${prefix}T-…)`,
      refusing,
      doubtful: options.deleteBranch
        ? { ...doubtful, deletion: "no deletion (`merge.delete_branch` deletes a merged task's branch)" }
        : doubtful,
      consequence:
        `task branches (as on ${probe}), which the app creates and commits each task file to, and the agent ` +
        "pushes its work to, with direct pushes: GitHub refuses them, and no task starts",
      doubt: `on task branches (as on ${probe}); some of the agent's or the app's pushes may not meet it`,
      exclude: `${prefix}**`,
      clear: `no ruleset restricts the pushes to task branches (as on ${probe})`,
    },
    rules,
  );
}
