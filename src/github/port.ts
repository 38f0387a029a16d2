import type { AgentRunView } from "../core/agent-runs/index.js";
import type { BranchRule } from "../core/doctor/index.js";
import type { KnownProtection } from "../core/merge/index.js";
import type { GateResult } from "../core/gate-result.js";
import type { CommitWithCasOptions, CommitWithCasResult } from "./commit-with-cas.js";
import type { FilesRead, ReadFilesOptions } from "./graphql-read-files.js";
import type { EarlierPullRunsOptions, PullRun } from "./pull-review-runs.js";
import type { CompleteCheckRunsOptions, StartCheckRunsOptions } from "./graphql-check-runs.js";
import type { PublishedReview, PublishReviewOptions } from "./publish-review.js";
import type { LoadRepoConfigResult } from "./load-repo-config.js";
import type { GithubDiffEntry } from "./map-changed-file.js";
import type { IssueBodyEdit } from "./issue-body-edit.js";
import type {
  CheckRun,
  CheckRunFilter,
  CommitStatus,
  CreatePullRequest,
  EnqueueAnswer,
  Issue,
  IssueComment,
  IssueEvent,
  IssueUpdate,
  ListedPull,
  MergeQueueEntryView,
  NewTreeFile,
  OpenIssueFilter,
  Pull,
  PullCommit,
  PullReview,
  RepositoryMergeSettings,
  ReviewLineComment,
  ReviewThread,
} from "./port-types.js";
import type { Change } from "./read-change.js";
import type { TreePaths } from "./repo-files.js";
import type { StickyComment, UpsertStickyCommentResult } from "./sticky-comment.js";
import type { LeadMutations, StateLabelMirror } from "./label-mirror.js";
import type { MirroredLabels } from "./mirror-state-labels.js";
import type { FinishIssue, NewIssue, OpenedIssue } from "./finish-issue.js";
import type { TaskBranchStart, TaskBranchStarted } from "./start-task-branch.js";

type InRepo<T> = Omit<T, "owner" | "repo">;

/** A head compared with its base (`compareWithBase`). */
export interface ComparedHead {
  behindBy: number;
  totalCommits: number;
  commits: PullCommit[];
  /** the files changed from the merge base to the head: at most 300 (GitHub's cap), so 300 may be short */
  files: GithubDiffEntry[];
}

export interface StickyTarget {
  issueNumber: number;
  key: string;
  /** only comments by this login count (the app's bot login) */
  author?: string;
}

/**
 * Everything the handlers do on GitHub, for one repository, named after what they want done.
 * Answers are the app's small types (`port-types.ts`); GitHub's errors pass through unchanged, so
 * a handler that branches on a status (`statusOf`, `isNotFound`, `isAlreadyExists`) keeps doing so.
 * `octokitPort` implements it on Octokit; tests use an in-memory fake.
 */
export interface GitHubPort {
  // ---- refs, trees, files
  /** the commit a branch points at (404 when there is no such branch) */
  branchSha(branch: string): Promise<string>;
  createBranch(branch: string, sha: string): Promise<void>;
  /** moves a branch to `sha`, discarding what it had (422 or 404 when it does not exist) */
  resetBranch(branch: string, sha: string): Promise<void>;
  deleteBranch(branch: string): Promise<void>;
  /** a commit with no parent holding these files */
  createRootCommit(message: string, files: readonly NewTreeFile[]): Promise<string>;
  /** a blob's text (404 when GitHub no longer has it) */
  readBlob(sha: string): Promise<string>;
  readFile(path: string, ref?: string): Promise<string | undefined>;
  readTree(ref: string): Promise<TreePaths>;
  /** every path of the tree; throws `TreeTruncatedError` when GitHub truncated it */
  listTreePaths(ref: string): Promise<string[]>;
  loadConfig(ref?: string): Promise<LoadRepoConfigResult>;
  readFilesAndChecks(options: InRepo<ReadFilesOptions>): Promise<FilesRead>;
  /**
   * The app's runs of a name on a pull request's commits older than the 100 `readFilesAndChecks`
   * read (its `earlierPullCommits`), before `later`, 100 commits a request, until `cap` model
   * reviews are counted; see `readEarlierPullRuns`.
   */
  readEarlierPullRuns(options: InRepo<EarlierPullRunsOptions>): Promise<PullRun[]>;
  /** a compare-and-swap commit on a branch (`commitWithCas`) */
  commitFiles(options: InRepo<CommitWithCasOptions>): Promise<CommitWithCasResult>;
  /**
   * A task's first start in one request: the branch at `base`, the files committed on it (only if
   * it still points at `base`) and a draft pull request from it, each part answered on its own (GraphQL
   * `createRef`, `createCommitOnBranch`, `createPullRequest`; see `startTaskBranch`). Undefined, with
   * nothing sent, when this instance does not know the repository's node id.
   */
  startTaskBranch(
    start: Omit<TaskBranchStart, "repositoryId" | "owner" | "repo">,
  ): Promise<TaskBranchStarted | undefined>;
  /** the commit date of a branch's head */
  branchCommitDate(branch: string): Promise<string | undefined>;
  compareBehindBy(base: string, head: string): Promise<number>;
  /**
   * `GET /compare/{base}...{head}`'s first page, as `readChange` reads it (the same URL, so the
   * gates' read of that head lets this one be answered 304): how far behind, and the commits
   * (at most 100; `totalCommits` says whether that is all of them).
   */
  compareWithBase(base: string, head: string): Promise<ComparedHead>;
  readChange(options: { base: string; head: string; pullNumber?: number }): Promise<Change>;

  // ---- checks and statuses
  listCheckRuns(ref: string, filter?: CheckRunFilter): Promise<CheckRun[]>;
  /** creates (or completes) a check run showing a gate's result; resolves with its id */
  publishCheck(headSha: string, result: GateResult): Promise<number>;
  startCheckRuns(options: StartCheckRunsOptions): Promise<Map<string, string>>;
  completeCheckRuns(options: CompleteCheckRunsOptions): Promise<number>;
  /**
   * the ref's commit statuses, newest first: one page, or up to `maxPages` while each is full (a
   * reader that must see an old failure under newer statuses anyone with write access can post)
   */
  listCommitStatuses(ref: string, maxPages?: number): Promise<CommitStatus[]>;

  // ---- pull requests
  getPull(number: number): Promise<Pull>;
  /** one page of pull requests from `head` (`owner:branch`) */
  listPullsFrom(head: string, options: { state: "open" | "all"; base?: string; limit: number }): Promise<ListedPull[]>;
  listOpenPulls(): Promise<ListedPull[]>;
  createPull(pull: CreatePullRequest): Promise<{ number: number; node_id: string }>;
  /** merges with the head pinned, sent once (405/409 are GitHub's answers to act on) */
  mergePull(number: number, method: "merge" | "squash" | "rebase", sha: string): Promise<{ sha: string }>;
  updateBranch(number: number, expectedHeadSha: string): Promise<void>;
  markReadyForReview(nodeId: string): Promise<void>;
  /**
   * Puts the PR in its base's merge queue (GraphQL `enqueuePullRequest`) only while its head is
   * `expectedHeadOid`; GitHub's refusal (no queue, a draft, a moved head, unmet requirements,
   * already queued) resolves as `refused` with GitHub's words, other errors throw.
   */
  enqueuePull(nodeId: string, expectedHeadOid: string): Promise<EnqueueAnswer>;
  /** the PR's entry in its base's merge queue now (GraphQL `PullRequest.mergeQueueEntry`); undefined: not queued */
  mergeQueueEntry(pullNumber: number): Promise<MergeQueueEntryView | undefined>;
  /**
   * Whether the PR's base has a merge queue (GraphQL `PullRequest.isMergeQueueEnabled`: rulesets and
   * classic protection alike); undefined when this GitHub does not know the field
   */
  mergeQueueEnabled(pullNumber: number): Promise<boolean | undefined>;
  /**
   * GitHub's revert of a merged pull request (GraphQL `revertPullRequest`): a `revert-<n>-<head>`
   * branch with the revert commit and a pull request from it, opened by the app. Each call opens
   * another: the caller makes sure it calls once.
   */
  revertPull(nodeId: string, text: { title: string; body: string }): Promise<{ number: number; url: string }>;
  convertToDraft(nodeId: string): Promise<void>;
  listPullCommits(number: number): Promise<PullCommit[]>;
  listReviews(number: number): Promise<PullReview[]>;
  /** Who last edited the issue's body, and when (GraphQL); undefined when it was never edited. */
  issueBodyEdit(number: number): Promise<IssueBodyEdit | undefined>;
  /** The edits of the issue's body made at or after `since` (to the second), newest first (GraphQL). */
  issueBodyEditsSince(number: number, since: string): Promise<IssueBodyEdit[]>;
  /** The issue's (or PR's) events, oldest first: who dismissed a review is said only there. */
  listIssueEvents(number: number): Promise<IssueEvent[]>;
  /**
   * A submitted `COMMENT` review of `commitId` with comments on lines of the new version. GitHub
   * refuses the whole review (422) when one line is not in the diff: callers anchor only there.
   */
  createLineReview(
    number: number,
    review: { commitId: string; body: string; comments: readonly ReviewLineComment[] },
  ): Promise<{ id: number; nodeId: string }>;
  /** hides a comment or a review as outdated (GraphQL `minimizeComment`; a COMMENT review cannot be dismissed) */
  minimizeOutdated(nodeId: string): Promise<void>;
  listPullFiles(number: number): Promise<GithubDiffEntry[]>;
  /** every review thread of the PR (GraphQL `reviewThreads`, paginated), resolved ones included */
  reviewThreads(number: number): Promise<ReviewThread[]>;
  /** resolves the threads (aliased `resolveReviewThread` mutations in one request); the ids GitHub resolved */
  resolveReviewThreads(threadIds: readonly string[]): Promise<string[]>;

  // ---- issues, comments, labels
  getIssue(number: number): Promise<Issue>;
  listOpenIssues(filter: OpenIssueFilter): Promise<Issue[]>;
  createIssue(issue: { title: string; body: string }): Promise<{ number: number; node_id: string; html_url: string }>;
  /** the issue as GitHub has it after the update */
  updateIssue(number: number, update: IssueUpdate): Promise<Issue>;
  pinIssue(nodeId: string): Promise<void>;
  comment(issueNumber: number, body: string): Promise<void>;
  listComments(issueNumber: number): Promise<IssueComment[]>;
  reactToComment(commentId: number, content: "+1" | "-1"): Promise<void>;
  findSticky(target: StickyTarget): Promise<StickyComment | undefined>;
  findStickies(issueNumber: number, keys: readonly string[]): Promise<Map<string, StickyComment>>;
  /** the one comment of this key, created or edited in place; unchanged text writes nothing */
  upsertSticky(
    target: StickyTarget & { body: string; known?: StickyComment | null },
  ): Promise<UpsertStickyCommentResult>;
  /**
   * The review's sticky comment (created, edited or left as it is) and its completed check run in
   * one GraphQL request; a refusal of either throws `ReviewPublishError` after the other took
   * effect. See `publishReview`.
   */
  publishReview(options: PublishReviewOptions): Promise<PublishedReview>;
  removeLabel(issueNumber: number, name: string): Promise<void>;
  /**
   * A task's state (and risk) mirrored on its issue and PR in one request (GraphQL label
   * mutations by node id), with no read of their labels first; see `mirrorStateLabels`. `carried`:
   * another mutation sent first in the same request (a state commit's, see `CommitWithCasOptions.carry`).
   */
  mirrorStateLabels(mirror: StateLabelMirror, carried?: LeadMutations): Promise<MirroredLabels[]>;
  /**
   * Issues opened in one GraphQL request (`createIssue` per issue) in the repository with node id
   * `repositoryId` (through REST one by one when it is not known); see `createIssues`. `carried`:
   * another mutation sent first in that request (a commit's, see `CommitWithCasOptions.carry`).
   */
  createIssues(
    repositoryId: string | undefined,
    issues: readonly NewIssue[],
    carried?: LeadMutations,
  ): Promise<OpenedIssue[]>;
  /**
   * A closing comment, the close (completed), the deletion of `deleteBranch` (a refusal ignored,
   * through REST when its ref id is not known) and the state labels of an issue in one request;
   * see `finishIssue`.
   */
  finishIssue(
    finish: Omit<FinishIssue, "deleteRefId"> & { deleteBranch?: string },
    carried?: LeadMutations,
  ): Promise<MirroredLabels[]>;

  // ---- the repository, its people, its workflows
  repositoryUrl(): Promise<string>;
  /** the repository's node id, which a rename or a transfer keeps (read once, then known) */
  repositoryNodeId(): Promise<string>;
  /** `admin`, `maintain`, `write`, `triage`, `read` or `none` (404 when not a collaborator) */
  permissionOf(login: string): Promise<{ permission: string; role_name?: string }>;
  /** the logins of a team's members (403/404 when the app may not read the team) */
  teamMembers(org: string, slug: string): Promise<string[]>;
  branchProtection(branch: string): Promise<KnownProtection>;
  /** only `GET /branches/{branch}`'s summary (one request; the full rules need `administration: read`) */
  branchSummary(branch: string): Promise<KnownProtection>;
  /** the ruleset rules on a branch; undefined when GitHub does not say (no rulesets on the server, 403) */
  branchRules(branch: string): Promise<BranchRule[] | undefined>;
  /** how the app may bypass a ruleset (`current_user_can_bypass`); undefined when GitHub does not say */
  rulesetBypass(rulesetId: number): Promise<string | undefined>;
  /** which merge methods the repository's settings allow (GraphQL `Repository.*Allowed`) */
  mergeSettings(): Promise<RepositoryMergeSettings>;
  /** the installation's permissions, from the token the client holds (no request); undefined when unknown */
  installationPermissions(): Promise<Record<string, string> | undefined>;
  /** starts the workflow; the run when GitHub names it (`return_run_details`), else undefined */
  dispatchWorkflow(
    workflow: string | number,
    ref: string,
    inputs: Record<string, string>,
  ): Promise<{ id: number; url: string } | undefined>;
  getWorkflowRun(runId: number): Promise<AgentRunView>;
  /** one page of the workflow's runs that `actor` started with `workflow_dispatch`, newest first */
  listDispatchedRuns(workflow: string, actor: string): Promise<AgentRunView[]>;
  /** the next attempt of a completed run (403 while it still runs) */
  rerunWorkflowRun(runId: number): Promise<void>;
  /** stops a run still queued or in progress: it ends `cancelled` (409 once it completed) */
  cancelWorkflowRun(runId: number): Promise<void>;
  /** the end (`maxChars`) of the log of the latest attempt's failed job; undefined without jobs */
  failedJobLog(runId: number, maxChars: number): Promise<{ job: string; log: string } | undefined>;
  /** the id of the app this client acts for, when it is an app's */
  ownAppId(): Promise<number | undefined>;
}
