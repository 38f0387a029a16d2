import type { CheckConclusion, CheckStatus } from "../core/merge/check-state.js";
/**
 * What the handlers read of GitHub's answers: the app's own small types, with GitHub's field names
 * (so a reader can look them up in GitHub's REST reference) and only the fields some handler reads.
 * Octokit's answers satisfy them as they are; an in-memory fake fills in these fields and no more.
 */

export interface Account {
  login: string;
  type?: string;
}

export interface LabelName {
  name: string;
}

export interface PullSide {
  ref: string;
  sha: string;
  repo?: { id?: number; full_name?: string; html_url?: string } | null;
}

/** `GET /pulls/{n}`. */
export interface Pull {
  number: number;
  node_id: string;
  title: string;
  body: string | null;
  state: string;
  draft?: boolean;
  merged: boolean;
  mergeable: boolean | null;
  mergeable_state: string;
  merge_commit_sha: string | null;
  /** who merged it; null while it is not merged */
  merged_by?: Account | null;
  updated_at: string;
  user: Required<Account>;
  head: PullSide;
  base: PullSide & { repo: { html_url: string; id?: number; node_id?: string; full_name?: string } };
  /** the labels it has now (GitHub always sends them; a fake may leave them out) */
  labels?: LabelName[];
  /** the comments in its conversation (`GET /pulls/{n}` counts them; a fake may leave it out) */
  comments?: number;
  /** its line comments, every review thread's (`GET /pulls/{n}` counts them; a fake may leave it out) */
  review_comments?: number;
}

/** A pull request as `GET /pulls` lists it. */
export interface ListedPull {
  number: number;
  node_id: string;
  state: string;
  draft?: boolean;
  merged_at: string | null;
  labels: LabelName[];
  head: PullSide;
  base: PullSide;
}

export interface Issue {
  number: number;
  node_id: string;
  title: string;
  body?: string | null;
  state: string;
  updated_at: string;
  html_url: string;
  /** the API address of its repository: another repository's when the issue was transferred (GitHub's 301 followed) */
  repository_url?: string;
  user: Account | null;
  labels: Array<string | { name?: string }>;
  pull_request?: unknown;
  /** who closed it, when it is closed (GitHub's REST issue; null while open) */
  closed_by?: Account | null;
}

export interface IssueComment {
  id: number;
  body?: string;
  updated_at: string;
  user: Account | null;
}

/** GitHub's check run statuses and conclusions, as the merge logic in core names them. */
export type CheckRunStatus = CheckStatus;
export type CheckRunConclusion = CheckConclusion;

/** A check run as `GET /commits/{ref}/check-runs` lists it. */
export interface CheckRun {
  id: number;
  name: string;
  status: CheckRunStatus;
  conclusion: CheckRunConclusion;
  head_sha: string;
  check_suite: { id: number } | null;
  app: { id?: number; slug?: string } | null;
  output: { title: string | null; summary: string | null; text?: string | null };
  html_url?: string | null;
  /** what the creating app set (only it can change it) */
  external_id?: string | null;
}

export interface CommitStatus {
  context: string;
  state: string;
  description?: string | null;
  creator: { login: string } | null;
}

export interface PullCommit {
  /** GitHub always sends it; the app's fakes of listings that do not need it leave it out */
  sha?: string;
  /** `{}` when GitHub knows no account for the commit's email */
  author: { login?: string } | null;
  committer: { login?: string } | null;
}

export interface PullReview {
  id: number;
  node_id: string;
  user: { login: string } | null;
  state: string;
  body: string;
  commit_id: string | null;
  submitted_at?: string;
}

/** One event of an issue's (or a PR's) history, as `GET /issues/{n}/events` lists it: the parts the app reads. */
export interface IssueEvent {
  id: number;
  event: string;
  actor: { login: string; type?: string } | null;
  /** on `labeled` and `unlabeled`: the label */
  label?: { name: string } | null;
  created_at: string;
  /** on `review_dismissed`: the review, and its state before (lowercase) */
  dismissed_review?: { state: string; review_id: number; dismissal_message: string | null } | null;
}

/** One comment of a review on a line of the PR's new version (`side: RIGHT`). */
export interface ReviewLineComment {
  path: string;
  line: number;
  body: string;
}

export interface CreatePullRequest {
  head: string;
  base: string;
  title: string;
  body: string;
  draft?: boolean;
}

export interface IssueUpdate {
  body?: string;
  state?: "open" | "closed";
  state_reason?: "completed" | "not_planned" | "reopened";
}

export interface OpenIssueFilter {
  labels?: string;
  creator?: string;
  sort?: "created" | "updated" | "comments";
  direction?: "asc" | "desc";
}

export interface CheckRunFilter {
  checkName?: string;
  appId?: number;
  /** one page of this many runs; all pages when unset */
  limit?: number;
  /** with no `limit`: at most this many pages (100 runs each), newest first */
  maxPages?: number;
}

export interface NewTreeFile {
  path: string;
  content: string;
}

/** A pull request's entry in its base's merge queue (GraphQL `MergeQueueEntry`). */
export interface MergeQueueEntryView {
  /** QUEUED, AWAITING_CHECKS, MERGEABLE, UNMERGEABLE or LOCKED */
  state: string;
  position: number;
  /** the entry's head commit as GitHub names it (the merge group's commit once built); null when it did not say */
  headOid: string | null;
}

/**
 * What GitHub answered `enqueuePullRequest`: the entry, or its refusal (GraphQL `errors` on an
 * HTTP 200) with GitHub's words. A refusal says nothing reliable by its words alone: the caller
 * reads what it needs (the PR, the base's rules, the PR's queue entry) to tell why.
 */
export type EnqueueAnswer = ({ kind: "queued" } & MergeQueueEntryView) | { kind: "refused"; message: string };

/** The merge methods the repository's settings allow (Settings → General → Pull requests). */
export interface RepositoryMergeSettings {
  mergeCommitAllowed: boolean;
  squashMergeAllowed: boolean;
  rebaseMergeAllowed: boolean;
}

/** A comment's author in a review thread: a `Bot` is an app's account, never a person's of the same name. */
export interface ThreadAuthor {
  /** REST's form: an app's bot as `<slug>[bot]` (GraphQL names a bot by its slug alone) */
  login: string;
  bot: boolean;
}

/** One review thread of a pull request (GraphQL `PullRequestReviewThread`). */
export interface ReviewThread {
  /** the node id `resolveReviewThread` takes */
  id: string;
  isResolved: boolean;
  isOutdated: boolean;
  path: string;
  /** the line it is on; null when GitHub no longer places it (outdated) */
  line: number | null;
  /** the authors of its comments, first comment first; null for a deleted account */
  authors: (ThreadAuthor | null)[];
  /** whether `authors` holds every comment of the thread (GitHub answers at most 100 per thread) */
  complete: boolean;
  /** on a resolved thread: who resolved it; null when GitHub names no user (an app's bot) */
  resolvedBy?: string | null;
}
