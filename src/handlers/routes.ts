import { startStateBranchPush } from "./state-branch-push.js";
import type { Context, Probot } from "probot";
import { startAgentRunFollow } from "./agent-runs/agent-run-jobs.js";
import { startCommands } from "./commands/command-jobs.js";
import { startDispatch, startPullStateLabel } from "./dispatch/dispatch-jobs.js";
import { startStateLabelRestore } from "./dispatch/state-label-removed.js";
import { startTaskClosed, startTaskReopened } from "./dispatch/task-closed.js";
import { startTaskIssueGone } from "./dispatch/task-issue-gone.js";
import { startGateRerun, startPullGates, startPushJudgement, startSuiteRerun } from "./gates/gates-jobs.js";
import {
  startMergeAfterCheckRun,
  startMergeAfterCheckSuite,
  startMergeEvaluation,
  startMergeOnClosed,
  startMergeOnBaseChange,
  startMergeOnDequeued,
  startMergeOnLabel,
  startMergeOnStatus,
} from "./merge/merge-jobs.js";
import { startMergeGroupChecks } from "./merge/merge-group-checks.js";
import { startReadinessOnPush, startReadinessOnStatus, startReadinessOnSuite } from "./readiness/readiness-jobs.js";
import type { AppServices } from "./repo-context.js";
import { startReviewAfterGates, startReviewOnLabel, startReviewOnReady } from "./review/review-jobs.js";
import { startRollbackOnCheckRun, startRollbackOnStatus } from "./rollback/rollback-jobs.js";

/** A webhook event with its action, as Probot names it (`issues.labeled`, `status`). */
export type EventName = Context["name"];

/** Which events start which job, and how the job is scheduled. */
export interface Route {
  readonly on: readonly EventName[];
  /** the job, by its workflow: `dispatch`, `gates`, `review`, `merge`, `commands`, … */
  readonly job: string;
  /** how a queued job of the same kind absorbs this one (keys in `scheduling/queue-job.ts`) */
  readonly coalescing: string;
  /** reads the payload, filters, and queues the job; it never waits for the job */
  readonly start: (context: Context, services: AppServices) => void | Promise<void>;
}

const route = <E extends EventName>(
  on: readonly E[],
  job: string,
  coalescing: string,
  start: (context: Context<E>, services: AppServices) => void | Promise<void>,
): Route => ({ on, job, coalescing, start: start as Route["start"] });

/**
 * Every event Autopilot listens to and the jobs it starts, in the order they are queued for one
 * delivery. A handler only queues work (GitHub gives a delivery 10 s); each job reads everything
 * again from GitHub, so which event arrived, and how often, does not matter. Jobs of one
 * repository run one after another (`scheduling/`); the sweep is the safety net for lost events.
 */
export const routes: readonly Route[] = [
  route(
    ["issues.reopened", "pull_request.reopened"],
    "task-reopened",
    "never (a person's reopening)",
    startTaskReopened,
  ),
  route(
    ["issues.labeled", "issues.edited", "issues.reopened"],
    "dispatch",
    "per issue; a label never, an edit per sender",
    startDispatch,
  ),
  route(["pull_request.labeled"], "state-label", "never (a person's command)", startPullStateLabel),
  route(["issues.unlabeled", "pull_request.unlabeled"], "restore-state-label", "never", startStateLabelRestore),
  route(
    ["pull_request.opened", "pull_request.synchronize", "pull_request.reopened", "pull_request.ready_for_review"],
    "gates",
    "per head",
    startPullGates,
  ),
  route(["check_suite.rerequested"], "gates", "per head, forced", startSuiteRerun),
  route(["check_run.rerequested"], "gates", "per head, forced (the app's own gate runs only)", startGateRerun),
  route(["push"], "state-guard", "per pushed head or deletion (only the state branch's)", startStateBranchPush),
  route(["check_suite.requested"], "push-secrets", "per pushed commit (branches without a PR)", startPushJudgement),
  route(["pull_request.ready_for_review"], "review", "per PR", startReviewOnReady),
  route(["pull_request.labeled"], "review", "per PR, explicit (the review label only)", startReviewOnLabel),
  route(["check_run.completed"], "review", "per PR (the app's own gate, green)", startReviewAfterGates),
  route(
    [
      "pull_request.ready_for_review",
      "pull_request.synchronize",
      "pull_request_review.submitted",
      "pull_request_review_thread.resolved",
    ],
    "merge",
    "per PR: joins the queued one, lets the lane's other jobs run first, re-checks a pending mergeability",
    startMergeEvaluation,
  ),
  route(
    ["pull_request.labeled", "pull_request.unlabeled"],
    "merge",
    "per PR, as above; dropped when this instance made that very label change (its mover evaluates)",
    startMergeOnLabel,
  ),
  route(
    ["check_run.completed"],
    "merge",
    "per PR; dropped when the last evaluation saw it complete",
    startMergeAfterCheckRun,
  ),
  route(
    ["check_suite.completed"],
    "merge",
    "per PR; dropped when the last evaluation saw it complete",
    startMergeAfterCheckSuite,
  ),
  route(
    ["status"],
    "merge",
    "per branch and commit (not `pending`); the queue names the branch's task PR, whose queued evaluation it joins",
    startMergeOnStatus,
  ),
  route(
    ["issues.closed", "pull_request.closed"],
    "task-closed",
    "per issue or PR; a PR closed as merged is left to the merge",
    startTaskClosed,
  ),
  route(
    ["issues.transferred", "issues.deleted"],
    "task-closed",
    "per issue; where GitHub says the issue is decides (moved elsewhere, 410, 404)",
    startTaskIssueGone,
  ),
  route(
    ["pull_request.closed"],
    "merge",
    "per PR, as above; only a merge GitHub's event says another account made (the merge queue, a person)",
    startMergeOnClosed,
  ),
  route(
    ["pull_request.edited"],
    "merge",
    "per PR, as above; only a change of base (a task merges into the default branch only)",
    startMergeOnBaseChange,
  ),
  route(
    ["pull_request.dequeued"],
    "merge",
    "per PR, one queued at a time; the payload's reason only words what is said (`MERGE` is left to `pull_request.closed`)",
    startMergeOnDequeued,
  ),
  route(
    ["merge_group.checks_requested"],
    "merge-group",
    "per group head; GitHub's group branch and the PR's queue entry are read first",
    startMergeGroupChecks,
  ),
  route(
    ["check_run.completed"],
    "rollback",
    "per check and commit (failed only); the queue's rollback record makes it once",
    startRollbackOnCheckRun,
  ),
  route(
    ["status"],
    "rollback",
    "per check and commit (`failure`/`error` only); the queue's rollback record makes it once",
    startRollbackOnStatus,
  ),
  route(["issue_comment.created"], "commands", "never (a person's command)", startCommands),
  route(["workflow_run.completed"], "agent-run", "per run attempt (dispatched runs only)", startAgentRunFollow),
  route(["status"], "readiness", "per repository (default branch, while a task is held)", startReadinessOnStatus),
  route(
    ["check_suite.completed"],
    "readiness",
    "per repository (default branch, while a task is held)",
    startReadinessOnSuite,
  ),
  route(
    ["push"],
    "readiness",
    "per repository (a push to the default branch, while a task is held)",
    startReadinessOnPush,
  ),
];

/**
 * Whether a delivery comes from an archived repository (its payload says so): GitHub refuses
 * every write there, so nothing is started; the sweep after it is unarchived carries on.
 */
export function fromArchivedRepository(context: Pick<Context, "payload">): boolean {
  return (context.payload as { repository?: { archived?: unknown } }).repository?.archived === true;
}

/** Registers every route on the app: the app function's only wiring of events. */
export function registerRoutes(app: Probot, services: AppServices, table: readonly Route[] = routes): void {
  for (const { on, start } of table) {
    app.on(on as EventName[], async (context) => {
      if (fromArchivedRepository(context)) {
        context.log.debug({ event: context.name }, "archived repository: the delivery is not acted on");
        return;
      }
      return start(context as Context, services);
    });
  }
}
