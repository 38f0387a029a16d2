import type { GitStore } from "../git/index.js";
import type { BodyEditState } from "./body-edit-state.js";
import type { BranchProtectionState } from "./branch-protection.js";
import type { IssueEventState } from "./issue-event-state.js";
import type { MergeSettings } from "./merge-settings.js";
import type { RulesetState } from "./ruleset-state.js";
import type { SandboxUser } from "./sandbox-user.js";

export type { BodyEditState } from "./body-edit-state.js";
export type { BranchProtectionState, RequiredCheck } from "./branch-protection.js";
export type { DismissedReviewState, IssueEventDetail, IssueEventState } from "./issue-event-state.js";
export type {
  DequeueReason,
  MergeGroupState,
  MergeQueueEntryState,
  MergeQueueParameters,
  PullRequestRuleParameters,
  RequiredStatusChecksParameters,
  RulesetRule,
  RulesetState,
} from "./ruleset-state.js";

export type RepoPermission = "admin" | "maintain" | "write" | "triage" | "read";

export interface LabelState {
  id: number;
  nodeId: string;
  name: string;
  /** six hex digits, no `#` */
  color: string;
  description: string | null;
  default: boolean;
}

export interface PullState {
  /** `repo`: the fork the head branch lives in, when it is not the pull request's own repository */
  head: { ref: string; sha: string; repo?: RepoState };
  /** `sha` is the base branch tip when the pull request was opened or last synchronized */
  base: { ref: string; sha: string };
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: SandboxUser | null;
  mergeCommitSha: string | null;
  maintainerCanModify: boolean;
  requestedReviewers: SandboxUser[];
  /** who pushed the head last since the pull request was opened (its author before any push) */
  headPushedBy?: SandboxUser;
}

/** An issue, or a pull request (which GitHub stores as an issue with a `pull` part). */
export interface IssueState {
  id: number;
  nodeId: string;
  number: number;
  title: string;
  body: string | null;
  user: SandboxUser;
  state: "open" | "closed";
  stateReason: "completed" | "not_planned" | "duplicate" | "reopened" | null;
  /** the label objects themselves, so a renamed label shows its new name everywhere */
  labels: LabelState[];
  assignees: SandboxUser[];
  locked: boolean;
  /** why the conversation was locked (`active_lock_reason`); absent or null when unlocked or unexplained */
  lockReason?: "off-topic" | "too heated" | "resolved" | "spam" | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: SandboxUser | null;
  /** the body's versions, oldest first: absent until the first edit (see `editBody`) */
  bodyEdits?: BodyEditState[];
  pull?: PullState;
  /** the pull request's own id and node id (GitHub's differ from the issue's) */
  pullId?: number;
  pullNodeId?: string;
}

export interface CommentState {
  id: number;
  nodeId: string;
  issueNumber: number;
  body: string;
  user: SandboxUser;
  createdAt: string;
  updatedAt: string;
  /** GraphQL's `minimizeComment`: the classifier, as `minimizedReason` reports it (lower case) */
  minimizedReason?: string;
}

export type ReviewStateName = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "PENDING" | "DISMISSED";

export interface ReviewState {
  id: number;
  nodeId: string;
  pullNumber: number;
  user: SandboxUser;
  body: string;
  state: ReviewStateName;
  commitId: string;
  submittedAt: string | null;
  /** GraphQL's `minimizeComment`: the classifier, as `minimizedReason` reports it (lower case) */
  minimizedReason?: string;
}

/**
 * A comment on a line of a pull request's diff (`PullRequestReviewComment`). Its anchor is kept
 * as made (`original*`); where it is now, or whether it is outdated, is computed on read against
 * the pull request's head.
 */
export interface ReviewCommentState {
  id: number;
  nodeId: string;
  pullNumber: number;
  /** the review it belongs to; a pending review's comments are its author's alone until submitted */
  reviewId: number;
  user: SandboxUser;
  body: string;
  path: string;
  side: "LEFT" | "RIGHT";
  startSide: "LEFT" | "RIGHT" | null;
  originalLine: number;
  originalStartLine: number | null;
  originalPosition: number;
  originalCommitId: string;
  /** the hunk from its `@@` down to the commented line, at `originalCommitId` */
  diffHunk: string;
  inReplyToId?: number;
  createdAt: string;
  updatedAt: string;
  minimizedReason?: string;
  /** on a thread's first comment: who resolved the thread (`resolveReviewThread`); absent while unresolved */
  resolvedBy?: SandboxUser;
}

export interface CheckAnnotationState {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckSuiteState {
  id: number;
  nodeId: string;
  /** the app whose suite it is: GitHub keeps one suite per app and commit */
  appId: number;
  headSha: string;
  headBranch: string | null;
  /** the push that created the suite, for `before`/`after` */
  before: string | null;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CheckRunState {
  id: number;
  nodeId: string;
  suiteId: number;
  name: string;
  headSha: string;
  externalId: string | null;
  detailsUrl: string | null;
  status: "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
  conclusion: string | null;
  startedAt: string;
  completedAt: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotations: CheckAnnotationState[] };
  actions: { label: string; description: string; identifier: string }[];
}

export interface ReactionState {
  id: number;
  nodeId: string;
  user: SandboxUser;
  content: "+1" | "-1" | "laugh" | "confused" | "heart" | "hooray" | "rocket" | "eyes";
  subject: { kind: "issue"; number: number } | { kind: "issue_comment"; id: number };
  createdAt: string;
}

/** A commit status (`POST /statuses/{sha}`), what classic CI integrations report. */
export interface CommitStatusState {
  id: number;
  nodeId: string;
  sha: string;
  state: "error" | "failure" | "pending" | "success";
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: SandboxUser;
  createdAt: string;
  updatedAt: string;
}

/**
 * An invitation to collaborate (`PUT /collaborators/{username}` for someone who is not one yet):
 * the role applies only once the invitee accepts it.
 */
export interface RepoInvitationState {
  id: number;
  nodeId: string;
  invitee: SandboxUser;
  inviter: SandboxUser;
  permission: RepoPermission;
  createdAt: string;
}

/** A `POST /actions/workflows/{id}/dispatches` call, kept for tests and the demo to inspect. */
export interface WorkflowDispatchRecord {
  workflowId: string | number;
  ref: string;
  inputs: Record<string, unknown>;
  sender: SandboxUser;
  at: string;
}

/** One job of a workflow run attempt; its log is what `GET /actions/jobs/{id}/logs` leads to. */
export interface WorkflowJobState {
  id: number;
  nodeId: string;
  runAttempt: number;
  name: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
  createdAt: string;
  startedAt: string;
  completedAt: string | null;
  log: string;
}

/**
 * A GitHub Actions workflow run. The sandbox runs no workflow: a dispatch creates the run
 * (queued), and tests move it on (`sandbox.workflowRuns`), as the runner would.
 */
export interface WorkflowRunState {
  id: number;
  nodeId: string;
  workflowId: number;
  workflowPath: string;
  workflowName: string;
  /** `run-name` evaluated, else the workflow's name */
  displayTitle: string;
  event: string;
  headBranch: string | null;
  headSha: string;
  runNumber: number;
  runAttempt: number;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
  /** who started the first attempt */
  actor: SandboxUser;
  /** who started the latest attempt (a re-run) */
  triggeringActor: SandboxUser;
  inputs: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  runStartedAt: string;
  checkSuiteId: number;
  /** the workflow's jobs (their `name`, else their key), each attempt gets one of each */
  jobNames: string[];
  /** every attempt's jobs, oldest first */
  jobs: WorkflowJobState[];
}

/**
 * What an issue number that names no issue any more stands for: the issue was transferred to
 * `repo` as `number` (GitHub answers 301 there), or deleted (410). Numbers are never reused.
 */
export type GoneIssueState =
  | { kind: "transferred"; repo: RepoState; number: number }
  | { kind: "deleted"; at: string; by: SandboxUser };

/** One repository: its git data on disk, and everything GitHub keeps beside git in memory. */
export interface RepoState {
  id: number;
  nodeId: string;
  owner: SandboxUser;
  name: string;
  fullName: string;
  description: string | null;
  private: boolean;
  createdAt: string;
  updatedAt: string;
  pushedAt: string;
  /** when an admin archived it (`PATCH /repos/{owner}/{repo}` with `archived: true`); null while it is not */
  archivedAt: string | null;
  /** kept beside git's HEAD so representations need no git call */
  defaultBranch: string;
  git: GitStore;
  /** the repository this one is a fork of */
  parent?: RepoState;
  /** issues and pull requests share one sequence, as on GitHub */
  nextNumber: number;
  issues: Map<number, IssueState>;
  /** numbers whose issue was transferred away or deleted (absent until one is) */
  goneIssues?: Map<number, GoneIssueState>;
  /** keyed by lower-cased name: GitHub label names are case-insensitive */
  labels: Map<string, LabelState>;
  comments: Map<number, CommentState>;
  reviews: Map<number, ReviewState>;
  reviewComments: Map<number, ReviewCommentState>;
  /** every issue's and pull request's events (`GET /issues/{n}/events`), oldest first */
  issueEvents: IssueEventState[];
  checkSuites: Map<number, CheckSuiteState>;
  checkRuns: Map<number, CheckRunState>;
  /** login (lower case) → permission; the owner is always admin */
  collaborators: Map<string, RepoPermission>;
  /** pending invitations by id; accepted or declined ones are removed */
  invitations: Map<number, RepoInvitationState>;
  reactions: Map<number, ReactionState>;
  /** oldest first */
  statuses: CommitStatusState[];
  workflowDispatches: WorkflowDispatchRecord[];
  workflowRuns: Map<number, WorkflowRunState>;
  /** branch name → its protection; a branch not in the map is unprotected */
  protections: Map<string, BranchProtectionState>;
  /** repository rulesets by id (`/repos/{owner}/{repo}/rulesets`) */
  rulesets: Map<number, RulesetState>;
  /** the merge methods and other pull request settings `PATCH /repos/{owner}/{repo}` writes */
  mergeSettings: MergeSettings;
  /**
   * With `lazyMergeable`: the `pull:base:head` triples whose mergeability has been read once; the
   * first read of a new triple answers `null` (GitHub computing it). Absent: always computed.
   */
  mergeabilityComputed?: Set<string>;
}
