/** A required status check of a ruleset, as `POST /repos/{owner}/{repo}/rulesets` takes it. */
export interface RulesetCheck {
  context: string;
  integration_id?: number;
}

/** A ruleset's `merge_queue` rule with GitHub's defaults for the queue's parameters. */
export function mergeQueueRule(mergeMethod: "MERGE" | "SQUASH" | "REBASE" = "MERGE") {
  return {
    type: "merge_queue" as const,
    parameters: {
      check_response_timeout_minutes: 60,
      grouping_strategy: "ALLGREEN" as const,
      max_entries_to_build: 5,
      max_entries_to_merge: 5,
      merge_method: mergeMethod,
      min_entries_to_merge: 1,
      min_entries_to_merge_wait_minutes: 5,
    },
  };
}

/**
 * The body of `POST /repos/{owner}/{repo}/rulesets` an administrator sends to put the default
 * branch under a merge queue (GitHub's defaults for the queue's parameters), requiring `checks` on
 * each merge group when there are some. For clients of the sandbox (tests, benches, demos) that set
 * a repository up as a team would on github.com.
 */
export function mergeQueueRuleset(
  options: { checks?: readonly RulesetCheck[]; mergeMethod?: "MERGE" | "SQUASH" | "REBASE"; name?: string } = {},
) {
  const queue = mergeQueueRule(options.mergeMethod);
  const checks = options.checks?.length
    ? [
        {
          type: "required_status_checks" as const,
          parameters: { strict_required_status_checks_policy: false, required_status_checks: [...options.checks] },
        },
      ]
    : [];
  return {
    name: options.name ?? "main queue",
    enforcement: "active" as const,
    conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] as string[] } },
    rules: [queue, ...checks],
  };
}
