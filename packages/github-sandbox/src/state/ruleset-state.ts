/** The parameters of a `merge_queue` rule, as GitHub stores them (every one is required). */
export interface MergeQueueParameters {
  check_response_timeout_minutes: number;
  grouping_strategy: "ALLGREEN" | "HEADGREEN";
  max_entries_to_build: number;
  max_entries_to_merge: number;
  merge_method: "MERGE" | "SQUASH" | "REBASE";
  min_entries_to_merge: number;
  min_entries_to_merge_wait_minutes: number;
}

/** The parameters of a `required_status_checks` rule. */
export interface RequiredStatusChecksParameters {
  strict_required_status_checks_policy: boolean;
  required_status_checks: { context: string; integration_id?: number }[];
  do_not_enforce_on_create?: boolean;
}

/** The rules the sandbox models; any other rule type is refused when a ruleset is written. */
export type RulesetRule =
  | { type: "merge_queue"; parameters: MergeQueueParameters }
  | { type: "required_status_checks"; parameters: RequiredStatusChecksParameters };

/** A repository ruleset targeting branches (`POST /repos/{owner}/{repo}/rulesets`). */
export interface RulesetState {
  id: number;
  nodeId: string;
  name: string;
  target: "branch";
  enforcement: "active" | "disabled" | "evaluate";
  /** `~DEFAULT_BRANCH`, `~ALL` or `refs/heads/<fnmatch pattern>` */
  include: string[];
  exclude: string[];
  rules: RulesetRule[];
  createdAt: string;
  updatedAt: string;
}
