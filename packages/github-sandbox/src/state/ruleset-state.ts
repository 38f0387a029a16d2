import type { PushRule } from "./rules/push-rule.js";
import type { SandboxUser } from "./sandbox-user.js";

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

/** The parameters of a `pull_request` rule, `allowed_merge_methods` filled in (GitHub's default: all three). */
export interface PullRequestRuleParameters {
  required_approving_review_count: number;
  dismiss_stale_reviews_on_push: boolean;
  require_code_owner_review: boolean;
  require_last_push_approval: boolean;
  required_review_thread_resolution: boolean;
  allowed_merge_methods: ("merge" | "squash" | "rebase")[];
}

/** The rules the sandbox models; any other rule type is refused when a ruleset is written. */
export type RulesetRule =
  | { type: "merge_queue"; parameters: MergeQueueParameters }
  | { type: "required_status_checks"; parameters: RequiredStatusChecksParameters }
  | PushRule
  | { type: "pull_request"; parameters: PullRequestRuleParameters };

/**
 * An app a ruleset's bypass list names (`actor_type: "Integration"`, the only actor type the
 * sandbox models): `always` and `exempt` let its writes past the ruleset, `pull_request` only its
 * merges of pull requests. `exempt` differs from `always` only in GitHub's audit log.
 */
export interface RulesetBypassActor {
  actor_id: number;
  actor_type: "Integration";
  bypass_mode: "always" | "pull_request" | "exempt";
}

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
  bypassActors: RulesetBypassActor[];
  createdAt: string;
  updatedAt: string;
}

/** Why a pull request left a merge queue (`pull_request.dequeued`'s `reason`). */
export type DequeueReason =
  | "UNKNOWN_REMOVAL_REASON"
  | "MANUAL"
  | "MERGE"
  | "MERGE_CONFLICT"
  | "CI_FAILURE"
  | "CI_TIMEOUT"
  | "ALREADY_MERGED"
  | "QUEUE_CLEARED"
  | "ROLL_BACK"
  | "BRANCH_PROTECTIONS"
  | "GIT_TREE_INVALID"
  | "INVALID_MERGE_COMMIT";

/** A merge group: the commit the queue tests, on its read-only branch. */
export interface MergeGroupState {
  /** `refs/heads/gh-readonly-queue/<base>/pr-<n>-<head sha>` */
  headRef: string;
  headSha: string;
  /** `refs/heads/<base>` */
  baseRef: string;
  /** the base tip the group was built on */
  baseSha: string;
  /** when it was built (the sandbox's clock, ms): its checks must report within the rule's timeout */
  builtAt: number;
}

/** A pull request waiting in a base branch's merge queue. */
export interface MergeQueueEntryState {
  id: number;
  nodeId: string;
  pullNumber: number;
  /** the base branch whose queue it is in */
  base: string;
  /** the head it was enqueued with: a push to the pull request removes it */
  headSha: string;
  enqueuedBy: SandboxUser;
  enqueuedAt: string;
  /** its merge group, once built */
  group: MergeGroupState | undefined;
}
