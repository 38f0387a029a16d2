import type { BranchRule } from "./judge-branch-rules.js";
import type { DoctorCheck } from "./judge-workflow.js";

/** The app's own check names (`autopilot/*`) a rule requires. */
const appChecksOf = (rule: BranchRule): string[] => {
  const checks = rule.parameters?.required_status_checks;
  if (!Array.isArray(checks)) return [];
  return checks.flatMap((check) => {
    const context = (check as { context?: unknown } | null)?.context;
    return typeof context === "string" && context.startsWith("autopilot/") ? [context] : [];
  });
};

/**
 * Whether the default branch's merge queue can merge what Autopilot queues. A merge queue waits for
 * the required checks on each merge group's commit; Autopilot posts its `autopilot/*` checks there
 * only on `merge_group` events, which GitHub sends an app granted `merge_queues: read` and
 * subscribed to them (app.yml asks for both; an installation created before may not have accepted
 * them). Without them every group waits out the queue's timeout and leaves it (CI_TIMEOUT).
 * Undefined when the branch has no merge queue.
 */
export function judgeMergeQueueChecks(
  branch: string,
  rules: readonly BranchRule[],
  installation?: { permissions?: Readonly<Record<string, string>>; events?: readonly string[] },
): DoctorCheck | undefined {
  if (!rules.some((rule) => rule.type === "merge_queue")) return undefined;
  const check = `merge queue of ${branch}`;
  const required = [...new Set(rules.filter((rule) => rule.type === "required_status_checks").flatMap(appChecksOf))];
  if (required.length === 0)
    return {
      check,
      result: "ok",
      advice: `${branch} requires a merge queue: Autopilot puts each approved task PR in it at the head it judged`,
    };
  const granted = installation?.permissions?.merge_queues;
  const hears = installation?.events?.includes("merge_group") === true;
  if (granted !== undefined && hears)
    return {
      check,
      result: "ok",
      advice: `${branch}'s merge queue requires ${required.join(", ")} on merge groups: Autopilot posts them there`,
    };
  return {
    check,
    result: "warn",
    advice:
      `${branch}'s merge queue requires ${required.join(", ")} on each merge group's commit, and Autopilot posts ` +
      "them there only on `merge_group` events, which GitHub sends only to an app granted Merge queues (read) " +
      "and subscribed to Merge group events: without both, every group waits out the queue's check timeout and " +
      "leaves the queue (CI_TIMEOUT). Grant them in the GitHub App's settings, or require only your CI in that " +
      "ruleset (Autopilot's checks already decide what it puts in the queue)",
  };
}
