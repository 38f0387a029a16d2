export type { GithubClient, RepoRef } from "./client.js";
export { statusOf, messageOf, isNotFound, isNotFastForward, isAlreadyExists } from "./errors.js";
export { workflowsPermissionRefusal } from "./errors.js";
export { backoffDelay, sleepMs } from "./backoff.js";
export type { BackoffOptions } from "./backoff.js";
export { commitWithCas, CasExhaustedError } from "./commit-with-cas.js";
export type {
  AliasFailure,
  CarriedMutation,
  CommitUpdate,
  CommitWithCasOptions,
  CommitWithCasResult,
  ReadAlong,
  ReadAtBase,
} from "./commit-with-cas.js";
export { checkRunLimits, capSummary, toGithubAnnotation, annotationBatches } from "./check-run-output.js";
export type { GithubAnnotation } from "./check-run-output.js";
export { publishGateResult } from "./check-runs.js";
export type { PublishGateResultOptions } from "./check-runs.js";
export { publishReview, ReviewPublishError } from "./publish-review.js";
export type { PublishReviewOptions, PublishedReview } from "./publish-review.js";
export { stickyMarker, findStickyComment, findStickyComments, upsertStickyComment } from "./sticky-comment.js";
export type {
  StickyComment,
  StickyCommentTarget,
  UpsertStickyCommentOptions,
  UpsertStickyCommentResult,
} from "./sticky-comment.js";
export {
  defaultLabelNames,
  stateLabelFor,
  statusForStateLabel,
  riskLabelFor,
  allStateLabels,
  allRiskLabels,
  labelDefinitions,
  labelDefinitionFor,
} from "./label-vocabulary.js";
export type { LabelDefinition } from "./label-vocabulary.js";
export { ensureLabels, KnownLabels, syncStateLabels } from "./labels.js";
export type { SyncStateLabelsOptions, SyncStateLabelsResult } from "./labels.js";
export {
  aliasErrors,
  labelMutationDocument,
  joinMutations,
  labelOperations,
  planLabelChanges,
  type LabelChange,
  type LabelMirrorTarget,
  type LabelOperation,
  type LeadMutations,
  type StateLabelMirror,
} from "./label-mirror.js";
export { mirrorStateLabels, type MirroredLabels } from "./mirror-state-labels.js";
export { createIssues, finishIssue } from "./finish-issue.js";
export {
  GraphqlRefusal,
  headMoved,
  pullAlreadyExists,
  refAlreadyExists,
  startTaskBranch,
} from "./start-task-branch.js";
export type { PartAnswer, TaskBranchStart, TaskBranchStarted } from "./start-task-branch.js";
export type { FinishIssue, NewIssue, OpenedIssue } from "./finish-issue.js";
export { readChange, compareFileLimit, commitLimit } from "./read-change.js";
export type { Change, ChangeCommit, ReadChangeOptions } from "./read-change.js";
export { listPullFiles, pullFileLimit } from "./list-pull-files.js";
export { mapChangedFile } from "./map-changed-file.js";
export type { GithubDiffEntry } from "./map-changed-file.js";
export { readTextFile, readTreePaths, listTreePaths, TreeTruncatedError } from "./repo-files.js";
export type { FileAt, TreePaths } from "./repo-files.js";
export { loadRepoConfig } from "./load-repo-config.js";
export type { LoadRepoConfigResult } from "./load-repo-config.js";
export { ownAppId } from "./own-app-id.js";
export {
  AutopilotOctokit,
  longestPrimaryLimitWaitSeconds,
  retryAfterPrimaryLimit,
  retryAfterSecondaryLimit,
  secondaryLimitRetries,
} from "./autopilot-octokit.js";
export { budgetOf, RateLimitPause, RateLimitPausedError } from "./rate-limit-pause.js";
export { readBranchProtection } from "./read-branch-protection.js";
export { octokitPort } from "./octokit-port.js";
export type { PortOptions } from "./octokit-port.js";
export { ConditionalReads } from "./conditional-reads.js";
export { KnownCommits } from "./known-commits.js";
export type { GitHubPort, StickyTarget } from "./port.js";
export type {
  Account,
  CheckRun,
  CheckRunConclusion,
  CheckRunStatus,
  CheckRunFilter,
  CommitStatus,
  CreatePullRequest,
  EnqueueAnswer,
  Issue,
  IssueComment,
  IssueUpdate,
  LabelName,
  ListedPull,
  MergeQueueEntryView,
  NewTreeFile,
  OpenIssueFilter,
  Pull,
  PullCommit,
  PullReview,
  IssueEvent,
  RepositoryMergeSettings,
  ReviewLineComment,
  ReviewThread,
  ThreadAuthor,
  PullSide,
} from "./port-types.js";
export type { IssueBodyEdit } from "./issue-body-edit.js";
export type { PullRun } from "./graphql-read-files.js";
export type { EarlierPullCommits } from "./pull-review-runs.js";
export { probotAppPort } from "./app-port.js";
export type { GitHubAppPort, InstalledRepository, SkippedInstallation } from "./app-port.js";
