import type { MergeStopCause } from "../../core/commands/index.js";
import { refusedForPushAccess, waitingWords, type MergeDecisionResult } from "../../core/merge/index.js";
import type { QueueEntry } from "../../core/queue/index.js";
import { askMergeQuestion, settleMergeQuestions } from "../questions/ask-merge.js";
import type { ConfiguredContext } from "../repo-context.js";
import { completeMerge } from "./complete-merge.js";
import { enqueueMerge, requiresMergeQueue } from "./enqueue-merge.js";
import {
  explainBlockedMerge,
  refusedByProtection,
  type MergeRefusal,
  type OpenThreads,
} from "./explain-blocked-merge.js";
import { mergeAllowedWay } from "./merge-allowed-way.js";
import type { PullRead } from "./read-pull.js";
import { resolveOwnThreads } from "./resolve-own-threads.js";

/**
 * Landing a head the merge decision judged: merged by a pinned PUT the way the repository allows,
 * or put in the base's merge queue; then the task finished, the wait on protection explained on
 * the PR, or the owner asked. `evaluate-merge.ts` decides; this file lands.
 */

export type MergeOutcome = MergeDecisionResult | { action: "merged"; sha: string } | { action: "skip"; reason: string };

/** One evaluation's outcome; `again`: read everything again (the head moved, the PR went back to draft). */
export type Once = MergeOutcome | { action: "again"; reason: string };

/** The task finished after its PR merged; a merge question still open about it is withdrawn. */
export async function finish(
  ctx: ConfiguredContext,
  entry: QueueEntry,
  pull: PullRead,
  sha: string,
  login: string,
): Promise<Once> {
  await completeMerge(ctx, entry, pull, sha, login);
  await settleMergeQuestions(ctx, {
    taskId: entry.id,
    pr: pull.number,
    login,
    reason: `#${pull.number} was merged as ${sha.slice(0, 7)}`,
  });
  return { action: "merged", sha };
}

/** An owner question on the PR (the task waits in `needs_owner`), in place of a merge Autopilot cannot make. */
export async function askOwnerToDecide(
  ctx: ConfiguredContext,
  entry: QueueEntry,
  pull: PullRead,
  cause: MergeStopCause,
  reason: string,
  login: string,
): Promise<Once> {
  await askMergeQuestion(ctx, {
    entry,
    stop: { pr: pull.number, taskId: entry.id, headSha: pull.headSha, base: pull.baseRef, cause },
    login,
  });
  return { action: "ask_owner", reason };
}

/** The task stays where it is while the base's protection holds the merge; the PR says what must happen. */
async function waitOnProtection(
  ctx: ConfiguredContext,
  entry: QueueEntry,
  pull: PullRead,
  refusal: MergeRefusal,
): Promise<Once> {
  const blockers = await explainBlockedMerge(ctx, entry, pull, refusal);
  const reason = `the branch protection of ${pull.baseRef} blocks the merge: ${blockers.map((blocker) => blocker.text).join("; ")}`;
  return { action: "wait", reason, waitingFor: [waitingWords.protection] };
}

/**
 * Merges pinned to the judged head; a moved head or a PR back in draft is read again; a refusal by
 * branch protection is explained on the PR and waited out; a conflict or another refusal asks the owner.
 */
export async function merge(
  ctx: ConfiguredContext,
  entry: QueueEntry,
  pull: PullRead,
  decision: Extract<MergeDecisionResult, { action: "merge" }>,
  login: string,
): Promise<Once> {
  // the base's merge queue is known (this task's earlier head went through it, or this instance
  // found it on another merge): no PUT GitHub would refuse
  if (queueKnown(ctx, entry, pull)) return mergeThroughQueue(ctx, entry, pull, decision, login, true);
  return mergeByPut(ctx, entry, pull, decision, login);
}

/** A base branch of a repository, as `AppServices.mergeQueueBases` remembers it. */
const queueBaseKey = (ctx: ConfiguredContext, pull: PullRead): string => `${ctx.owner}/${ctx.repo}:${pull.baseRef}`;

/** The base's merge queue is known: this task's earlier head went through it, or this instance found it. */
const queueKnown = (ctx: ConfiguredContext, entry: QueueEntry, pull: PullRead): boolean =>
  entry.merge_queue?.base === pull.baseRef || ctx.services.mergeQueueBases.has(queueBaseKey(ctx, pull));

/**
 * Whether the PR's base has a merge queue: known, or asked of GitHub (and then remembered). Asked
 * only when the decision would bring the branch up to date first, which a queue makes needless.
 */
export async function underMergeQueue(ctx: ConfiguredContext, entry: QueueEntry, pull: PullRead): Promise<boolean> {
  if (queueKnown(ctx, entry, pull)) return true;
  if (!(await requiresMergeQueue(ctx, pull.number, pull.baseRef))) return false;
  ctx.services.mergeQueueBases.add(queueBaseKey(ctx, pull));
  return true;
}

/**
 * The base requires a merge queue: the judged head goes in it (pinned), and GitHub merges it once
 * the merge group's checks pass (`pull_request.closed` then finishes the task). `learnt`: the queue
 * was known from this task's earlier enqueue rather than from a refused merge just now, so a base
 * that no longer has one is merged directly.
 */
async function mergeThroughQueue(
  ctx: ConfiguredContext,
  entry: QueueEntry,
  pull: PullRead,
  decision: Extract<MergeDecisionResult, { action: "merge" }>,
  login: string,
  learnt: boolean,
): Promise<Once> {
  let outcome = await enqueueMerge(ctx, entry, pull, decision.sha, login);
  // a base that requires conversations resolved refuses the enqueue as it does a merge: the app's
  // own threads are resolved and the enqueue tried once more; the threads left ride on the refusal
  let threads: OpenThreads | undefined;
  if (outcome.kind === "refused") {
    const own = await resolveOwnThreads(ctx, pull, await ctx.github.branchRules(pull.baseRef));
    threads = own.open;
    if (own.resolved > 0) outcome = await enqueueMerge(ctx, entry, pull, decision.sha, login);
  }
  if (outcome.kind === "queued") ctx.services.mergeQueueBases.add(queueBaseKey(ctx, pull));
  // GitHub's rules, read on the refusal, say the base has no merge queue (any more): merges go by PUT again
  if (outcome.kind === "no_queue") ctx.services.mergeQueueBases.delete(queueBaseKey(ctx, pull));
  switch (outcome.kind) {
    case "queued":
      return {
        action: "wait",
        reason: `in the merge queue of ${pull.baseRef} at ${decision.sha.slice(0, 7)}`,
        waitingFor: [],
      };
    case "head_moved":
      return { action: "again", reason: "the head moved before it was added to the merge queue" };
    case "draft":
      return { action: "again", reason: "the pull request went back to draft before it was added to the merge queue" };
    case "conflict":
      return askOwnerToDecide(ctx, entry, pull, { kind: "conflict" }, `conflicts with ${pull.baseRef}`, login);
    case "no_queue":
      if (learnt) return mergeByPut(ctx, entry, pull, decision, login);
      return askOwnerToDecide(
        ctx,
        entry,
        pull,
        { kind: "other", reason: `GitHub refused both the merge and the merge queue of ${pull.baseRef}` },
        "GitHub refused both the merge and the merge queue",
        login,
      );
    case "refused": {
      const refusal = threads === undefined ? outcome : { ...outcome, threads };
      return afterRefusal(ctx, entry, pull, refusal, "GitHub refused to add it to the merge queue", login);
    }
  }
}

/**
 * A refusal by protection a person can satisfy (a review, a check) is said on the PR and waited
 * out, the merge following by itself; any other refusal is the owner's to decide, in GitHub's words.
 * A base the app may not push to is the owner's too, whatever GitHub reports of the PR: waiting
 * would send the same refused merge at every evaluation.
 */
function afterRefusal(
  ctx: ConfiguredContext,
  entry: QueueEntry,
  pull: PullRead,
  { message, mergeable, mergeableState, threads }: MergeRefusal & { message: string },
  what: string,
  login: string,
): Promise<Once> {
  if (refusedForPushAccess(message))
    return askOwnerToDecide(ctx, entry, pull, { kind: "push_access", message }, `${what}: ${message}`, login);
  const refusal: MergeRefusal = { message, mergeable, mergeableState, ...(threads === undefined ? {} : { threads }) };
  if (refusedByProtection(refusal)) return waitOnProtection(ctx, entry, pull, refusal);
  return askOwnerToDecide(ctx, entry, pull, { kind: "refused", message }, `${what}: ${message}`, login);
}

/**
 * `PUT /pulls/{n}/merge` pinned to the judged head, the way the repository allows
 * (`mergeAllowedWay`), and what GitHub's answer asks next.
 */
async function mergeByPut(
  ctx: ConfiguredContext,
  entry: QueueEntry,
  pull: PullRead,
  decision: Extract<MergeDecisionResult, { action: "merge" }>,
  login: string,
): Promise<Once> {
  const attempt = await mergeAllowedWay(ctx, pull, decision.method, decision.sha);
  if (attempt.kind === "merged") return finish(ctx, entry, pull, attempt.sha, login);
  if (attempt.kind === "method_refused")
    return askOwnerToDecide(ctx, entry, pull, { kind: "other", reason: attempt.reason }, attempt.reason, login);
  if (attempt.kind === "queue_required") return mergeThroughQueue(ctx, entry, pull, decision, login, false);
  if (attempt.kind === "head_moved" || attempt.kind === "draft") {
    return {
      action: "again",
      reason:
        attempt.kind === "draft"
          ? "the pull request went back to draft during the merge"
          : "the head moved during the merge",
    };
  }
  if (attempt.kind === "refused") return afterRefusal(ctx, entry, pull, attempt, "GitHub refused the merge", login);
  return askOwnerToDecide(ctx, entry, pull, { kind: "conflict" }, `conflicts with ${pull.baseRef}`, login);
}
