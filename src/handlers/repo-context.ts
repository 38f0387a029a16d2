import type { Context, Logger } from "probot";
import type { Config, MergeMethod } from "../config/index.js";
import {
  octokitPort,
  type ConditionalReads,
  type KnownCommits,
  type GitHubPort,
  type KnownLabels,
  type LoadRepoConfigResult,
  type RateLimitPause,
  type RepoRef,
} from "../github/index.js";
import type { RecordSigner } from "../core/review/index.js";
import type { LlmPort } from "../llm/index.js";
import type { AppMetrics } from "../metrics/index.js";
import type { WorkQueue } from "../work/index.js";
import type { DeliveryConfigReads, KeptBlobs, MergeMethodMemo } from "./app-caches.js";
import type { ReadinessMemory } from "./readiness/readiness-memory.js";
import type { LabelAction } from "./scheduling/own-label-changes.js";
import type { CheckTrigger } from "./scheduling/seen-checks.js";

/** The review's model ports for a configuration (`review.assistant_manager`, `review.manager`). */
export type PortsFor = (config: Config) => { assistantManager?: LlmPort; manager?: LlmPort };

/** What a job needs of the app instance's dashboard refresher: a way to say "this repository's queue changed". */
export interface DashboardSchedule {
  schedule(ctx: RepoContext): void;
  /**
   * The job's own request just wrote the dashboard as the repository is now (see `rideDashboard`):
   * the refresh pending for it is not needed. Called only by the job that scheduled it (a
   * repository's jobs run one at a time), so nothing it stood for is left unshown.
   */
  cover(ctx: RepoContext): void;
}

/** The app instance's merge evaluations, coalesced per PR (`MergeEvaluations` in scheduling/). */
export interface MergeRequests {
  /** queues an evaluation of the PR, or joins the one queued; `trigger`: the check event that asked */
  request(ctx: RepoContext, pullNumber: number, trigger?: CheckTrigger): void;
  /** evaluates now, in the running job */
  evaluate(ctx: RepoContext, pullNumber: number, me: string): Promise<void>;
  /** remembers state labels this instance changed on a PR whose merge is evaluated by who changed them */
  noteOwnLabels(
    ctx: RepoContext,
    pullNumber: number,
    change: { added: readonly string[]; removed: readonly string[] },
  ): void;
  /** whether a label event reports exactly such a change (claimed once): it then asks no evaluation */
  claimOwnLabel(ctx: RepoContext, pullNumber: number, action: LabelAction, label: string): boolean;
}

/** What a job needs of the app instance's mergeability re-checks (`MergeabilityRechecks`). */
export interface MergeRechecks {
  settled(key: string): void;
  schedule(key: string, run: () => void): boolean;
  attemptsOf(key: string): number;
}

/**
 * One app instance's services and state, built once in `createAutopilot` (`createAppServices`)
 * and carried on every repository context: two instances in one process share nothing.
 */
export interface AppServices {
  readonly metrics: AppMetrics;
  /** the per-repository queue every job runs in */
  readonly work: WorkQueue;
  /** the app's bot login, `<slug>[bot]`, asked of GitHub once */
  readonly login: () => Promise<string>;
  /** the clock of the sweeps (the stale sweeper judges inactivity by it) */
  readonly now: () => Date;
  /** the review's model ports, their calls counted in `metrics` */
  readonly reviewPorts: PortsFor;
  /** how long the gates read a change before the PR shows their runs in progress (default 2 s) */
  readonly gatesShowRunningAfterMs: number;
  readonly dashboard: DashboardSchedule;
  readonly rechecks: MergeRechecks;
  readonly merges: MergeRequests;
  /** a delivery's configuration read, shared by the jobs it sets off */
  readonly configReads: DeliveryConfigReads<LoadRepoConfigResult>;
  /**
   * each repository's dashboard issue as this instance last read or wrote it, so a refresh reads one
   * issue instead of listing them, and none when it wrote the body itself
   */
  readonly dashboards: Map<string, KnownDashboard>;
  /** the labels known to exist per repository */
  readonly labels: KnownLabels;
  /** the GETs' entity tags and responses: a read answered 304 costs no rate limit */
  readonly conditionalReads: ConditionalReads;
  /** installations whose GitHub budget is spent: nothing is sent for them until the reset */
  readonly rateLimits: RateLimitPause;
  /** where the branches the app writes pointed after its last write, and files at commits */
  readonly knownCommits: KnownCommits;
  /**
   * each repository's state branch (`owner/repo` → branch) as its last configuration read named it,
   * so a push to any other branch is told apart without reading the configuration again
   */
  readonly stateBranches: Map<string, string>;
  /** queue file texts by blob SHA (the dashboard's previous queue) */
  readonly queueBlobs: KeptBlobs;
  /** what the readiness gate keeps between evaluations (workflow by commit, protection for minutes, held repositories) */
  readonly readiness: ReadinessMemory;
  /**
   * the base branches (`owner/repo:branch`) this instance found requiring a merge queue, so later
   * merges there go straight to the queue; forgotten when GitHub refuses an enqueue for want of one
   */
  readonly mergeQueueBases: Set<string>;
  /** the merge method each repository (`owner/repo`) accepted when `merge.method` is unset */
  readonly mergeMethods: MergeMethodMemo<MergeMethod>;
  /** signs the review records the app writes (the webhook secret's HMAC), so an edited one is told apart */
  readonly signRecord: RecordSigner;
  /** what a record's seal is checked against: `signRecord`, and the previous secret's while one is rotated */
  readonly recordVerifiers: readonly RecordSigner[];
}

/** A dashboard issue as the app instance last saw it; `body` and `htmlUrl` once read or written. */
export interface KnownDashboard {
  number: number;
  nodeId?: string;
  body?: string;
  htmlUrl?: string;
}

/** What a workflow needs to act on one repository for one delivery. */
export interface RepoContext extends RepoRef {
  /** the repository on GitHub: the only way a handler reaches it */
  github: GitHubPort;
  defaultBranch: string;
  /**
   * The repository's web address (`https://github.com/acme/widgets`) as the webhook payload or the
   * installation's repository list gave it (both GitHub's own answers); undefined when not known,
   * and then asked of GitHub by whoever needs it (`GitHubPort.repositoryUrl`).
   */
  htmlUrl?: string;
  /** X-GitHub-Delivery of the webhook that started the work; null for sweeps. */
  delivery: string | null;
  log: Logger;
  /** the app instance the work runs for */
  services: AppServices;
}

/** A repository context with its valid configuration loaded. */
export interface ConfiguredContext extends RepoContext {
  config: Config;
}

type RepoEvent =
  | "issues"
  | "issue_comment"
  | "pull_request"
  | "pull_request_review"
  | "pull_request_review_thread"
  | "check_suite"
  | "check_run"
  | "push"
  | "status"
  | "merge_group";

/** The installation a delivery names (GitHub Apps' deliveries carry it). */
const installationOf = (context: Context<RepoEvent>): number | undefined =>
  (context.payload as { installation?: { id?: number } }).installation?.id;

/** The repository context of a webhook, for work done after the handler has returned. */
export function repoContextOf(context: Context<RepoEvent>, services: AppServices): RepoContext {
  const { owner, repo } = context.repo();
  const repository = context.payload.repository as { default_branch?: string; html_url?: string; node_id?: string };
  // the repository's node id, from the payload GitHub signed: a task's start then sends its writes in one request
  if (repository.node_id) services.knownCommits.setRepositoryId(`${owner}/${repo}`, repository.node_id);
  return {
    github: octokitPort(context.octokit, { owner, repo }, { ...services, installationId: installationOf(context) }),
    owner,
    repo,
    defaultBranch: repository.default_branch ?? "main",
    ...(typeof repository.html_url === "string" ? { htmlUrl: repository.html_url } : {}),
    delivery: context.id,
    log: context.log.child({ delivery: context.id, repository: `${owner}/${repo}` }),
    services,
  };
}
