import { judgeBranchRules, type BranchRule } from "./judge-branch-rules.js";
import type { DoctorCheck } from "./judge-workflow.js";

/** Rules that refuse the app's direct pushes to its state branch, with what each demands. */
const refusing: Readonly<Record<string, string>> = {
  pull_request: "changes through a pull request",
  required_status_checks: "status checks on every commit",
  required_deployments: "deployments before an update",
  merge_queue: "a merge queue",
  update: "no updates",
  creation: "no creation",
};

/** Rules that may refuse some of its commits, depending on their details. */
const doubtful: Readonly<Record<string, string>> = {
  required_signatures: "signed commits",
  commit_message_pattern: "a commit message pattern",
  commit_author_email_pattern: "a commit author email pattern",
  committer_email_pattern: "a committer email pattern",
};

/**
 * Whether rulesets let the app push to its state branch: a rule that demands pull requests, checks,
 * deployments or forbids updates or creation fails; a signature or pattern rule is a warning. The
 * caller leaves out the rules of a ruleset the app bypasses.
 */
export function judgeStateRules(branch: string, rules: readonly BranchRule[]): DoctorCheck {
  return judgeBranchRules(
    {
      check: `rulesets on ${branch}`,
      refusing,
      doubtful,
      consequence: `${branch}, the branch the app records its queue on with direct pushes: GitHub refuses them, and no task moves`,
      doubt: `on ${branch}; the app's queue commits may not meet it`,
      exclude: branch,
      clear: `no ruleset restricts the app's pushes to ${branch}`,
    },
    rules,
  );
}

/**
 * Whether a ruleset keeps people from deleting the state branch (its `deletion` rule, which the
 * app never meets: it does not delete the branch). Without one any writer may delete it; the app
 * restores it from the `push` event that tells of the deletion, but a lost delivery would leave
 * the next write to start a new branch and forget every task in progress.
 */
export function judgeStateDeletion(branch: string, rules: readonly BranchRule[]): DoctorCheck {
  const check = `deletion of ${branch}`;
  if (rules.some((rule) => rule.type === "deletion"))
    return { check, result: "ok", advice: `a ruleset keeps anyone from deleting ${branch}` };
  return {
    check,
    result: "warn",
    advice:
      `any writer may delete ${branch}, where the queue is: Autopilot puts it back when it hears of the ` +
      "deletion, but a lost delivery would leave every task in progress forgotten. Add a ruleset on " +
      `${branch} with "Restrict deletions" (the app never deletes it)`,
  };
}
