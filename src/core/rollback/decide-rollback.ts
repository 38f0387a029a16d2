import {
  ignoredBecause,
  mergeQueueLogin,
  normalizeLogin,
  requiredCheckOf,
  type RequiredCheckEntry,
} from "../merge/index.js";
import type { QueueEntry, RollbackRecord } from "../queue/index.js";
import { checkRunFailed, reporterOf, statusFailed, type CiFailure } from "./ci-failure.js";

/** The merged pull request as GitHub has it now. */
export interface MergedPullFacts {
  number: number;
  merged: boolean;
  mergeCommitSha: string | null;
  /** who merged it (`merged_by`); null when GitHub does not say */
  mergedBy: string | null;
  /** the head it was merged at (`head.sha`): a merge queue's merge counts as the app's only for the head the app queued */
  headSha?: string;
}

/**
 * Whether the app made this merge: it merged the PR itself, or GitHub's merge queue merged the very
 * head the app recorded putting in the queue (and not seen leave it). A queue merge of a head a
 * person enqueued (another head, or the app's after it left the queue) is that person's merge.
 */
export function mergedByApp(entry: QueueEntry, pull: MergedPullFacts, appLogin: string): boolean {
  if (pull.mergedBy === null) return false;
  const by = normalizeLogin(pull.mergedBy);
  if (by === normalizeLogin(appLogin)) return true;
  const queued = entry.merge_queue;
  return (
    by === mergeQueueLogin &&
    queued !== undefined &&
    queued.removed === undefined &&
    pull.headSha !== undefined &&
    queued.head === pull.headSha
  );
}

export interface RollbackInput {
  failure: CiFailure;
  /** `merge.required_checks` */
  requiredChecks: readonly RequiredCheckEntry[];
  /** `merge.rollback` */
  enabled: boolean;
  /** the task the queue records as merged as `failure.sha` (undefined: none) */
  entry: QueueEntry | undefined;
  /** the task's pull request, read from GitHub (undefined when there is no task) */
  pull: MergedPullFacts | undefined;
  /** the app's bot login, `<slug>[bot]` */
  appLogin: string;
  /** the change's own accounts (see `changeAccounts`): a status one of them posts does not count */
  ownAccounts: readonly string[];
  /** ISO time of the decision */
  at: string;
}

export type RollbackDecision =
  | { action: "revert"; taskId: string; record: RollbackRecord }
  | { action: "ignore"; reason: string };

const ignore = (reason: string): RollbackDecision => ({ action: "ignore", reason });

/**
 * Whether a red check on the default branch rolls a task back. Only a failure of a required check
 * (`merge.required_checks`), reported on the very commit Autopilot merged a task as, by a source
 * that would count for that check on the task's PR (a pinned check only from its app; a status
 * not from one of the change's own accounts), and only when GitHub says the app itself merged the
 * PR, or its merge queue merged the head the app put in it (`mergedByApp`): a person's merge, and a
 * queue merge a person enqueued, are never reverted. A task rolled back already is not rolled back again,
 * whichever check fails next.
 */
export function decideRollback(input: RollbackInput): RollbackDecision {
  const { failure, entry, pull } = input;
  if (!input.enabled) return ignore("rollback is off (`merge.rollback: false`)");
  const failed = failure.source.kind === "check_run" ? checkRunFailed(failure.outcome) : statusFailed(failure.outcome);
  if (!failed) return ignore(`${failure.name} did not fail (${failure.outcome})`);
  const required = input.requiredChecks.map(requiredCheckOf).find((check) => check.name === failure.name);
  if (required === undefined) return ignore(`${failure.name} is not one of merge.required_checks`);
  if (entry === undefined) return ignore(`no task was merged as ${failure.sha.slice(0, 7)} by Autopilot`);
  if (entry.rollback) {
    const revert = entry.rollback.revert_pr === null ? "its revert" : `revert #${entry.rollback.revert_pr}`;
    return ignore(`${entry.id} was rolled back already (${revert})`);
  }
  if (entry.status !== "done") return ignore(`${entry.id} is ${entry.status}, not done`);
  if (entry.pr === null || pull === undefined || pull.number !== entry.pr)
    return ignore(`${entry.id} has no pull request`);
  if (!pull.merged || pull.mergeCommitSha !== failure.sha)
    return ignore(`#${pull.number} was not merged as ${failure.sha.slice(0, 7)}`);
  if (!mergedByApp(entry, pull, input.appLogin)) {
    const queueMerge = pull.mergedBy !== null && normalizeLogin(pull.mergedBy) === mergeQueueLogin;
    if (queueMerge)
      return ignore(`#${pull.number} was merged by the merge queue at a head Autopilot did not put in it`);
    return ignore(`#${pull.number} was merged by ${pull.mergedBy ?? "an unknown account"}, not by Autopilot`);
  }
  const found = {
    name: failure.name,
    status: "completed",
    conclusion: "failure",
    headSha: failure.sha,
    source: failure.source,
  } as const;
  const refused = ignoredBecause(required, found, new Set(input.ownAccounts.map(normalizeLogin)));
  if (refused !== undefined) return ignore(`${failure.name} failed, but it does not count: ${refused}`);
  return {
    action: "revert",
    taskId: entry.id,
    record: {
      merge_sha: failure.sha,
      pr: pull.number,
      check: failure.name,
      url: failure.url,
      reported_by: reporterOf(failure.source),
      revert_pr: null,
      at: input.at,
    },
  };
}
