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
