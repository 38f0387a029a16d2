import type { DoctorCheck } from "./judge-workflow.js";

/** One rule GitHub's `GET /repos/{owner}/{repo}/rules/branches/{branch}` says applies to a branch. */
export interface BranchRule {
  type: string;
  /** the rule's parameters as GitHub gives them (`required_status_checks`: `required_status_checks: [{ context }]`) */
  parameters?: Record<string, unknown>;
  ruleset_id?: number;
  ruleset_source?: string;
}

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
 * deployments or forbids updates or creation fails (unless the app is a bypass actor of its ruleset,
 * which this API does not say); a signature or pattern rule is a warning.
 */
export function judgeStateRules(branch: string, rules: readonly BranchRule[]): DoctorCheck {
  const check = `rulesets on ${branch}`;
  const describe = (table: Readonly<Record<string, string>>) =>
    rules
      .filter((rule) => Object.hasOwn(table, rule.type))
      .map(
        (rule) =>
          `${table[rule.type]} (\`${rule.type}\`${rule.ruleset_id === undefined ? "" : `, ruleset ${rule.ruleset_id}`})`,
      );
  const refused = describe(refusing);
  const fix =
    `exclude ${branch} from the ruleset's target branches (Settings → Rules → Rulesets), or add the ` +
    "app to its bypass list";
  if (refused.length) {
    return {
      check,
      result: "fail",
      advice:
        `a ruleset demands ${refused.join(", ")} on ${branch}, the branch the app records its queue on with ` +
        `direct pushes: GitHub refuses them, and no task moves. ${fix}`,
    };
  }
  const doubts = describe(doubtful);
  if (doubts.length) {
    return {
      check,
      result: "warn",
      advice: `a ruleset demands ${doubts.join(", ")} on ${branch}; the app's queue commits may not meet it: ${fix}`,
    };
  }
  return { check, result: "ok", advice: `no ruleset restricts the app's pushes to ${branch}` };
}
