import { sentBackAt, type MergeStopCause } from "../../core/commands/index.js";
import { decideMerge, waitingWords } from "../../core/merge/index.js";
import { taskOfPull } from "../../core/queue/index.js";
import { backoffDelay, sleepMs, statusOf, workflowsPermissionRefusal } from "../../github/index.js";
import { disarmCode } from "../../core/markdown/index.js";
import { noteDashboardChange } from "../scheduling/dashboard-refresher.js";
import { moveTask } from "../move-task.js";
import type { ConfiguredContext } from "../repo-context.js";
import { findTask, readQueue } from "../task-state.js";
import { holdQueuedHead, removalReason, respectRemoval } from "./queued-head.js";
import { gatherMergeInput } from "./gather-merge-input.js";
import { askOwnerToDecide, finish, merge, underMergeQueue, type MergeOutcome, type Once } from "./land-judged-head.js";
import { refuseOtherBase } from "./other-base.js";
import { readPull } from "./read-pull.js";
import type { SeenChecks } from "../scheduling/seen-checks.js";

export type { MergeOutcome } from "./land-judged-head.js";

export interface EvaluateMergeOptions {
  /** Told which checks the evaluation saw completed (undefined: nothing to coalesce on). */
  observe?: (seen: SeenChecks | undefined) => void;
  /** The pause before reading again a PR whose mergeability GitHub was still computing (default: backoff). */
  mergeabilityPauseMs?: (read: number) => number;
  /**
   * The dequeue reason a `pull_request.dequeued` payload gave (MANUAL, CI_FAILURE, ...). A webhook
   * is a hint anyone able to send one could forge: it only words what is said and recorded about a
   * head the app itself found out of the queue (see `holdQueuedHead`); it never decides a merge.
   */
  dequeuedReason?: string;
}

/** Reads of a PR whose `mergeable` is still null, inside one evaluation, before it is left to a later job. */
const maxMergeabilityReads = 3;
/** About 0.1–0.5 s, then 0.1–0.9 s: GitHub usually has computed it by then, and the lane is not held for long. */
const mergeabilityPause = (read: number): number => 100 + backoffDelay(read, { baseMs: 400, capMs: 800 });

/** Whether the decision waits for GitHub to compute mergeability (GitHub sends no event when it has). */
export const waitsForMergeability = (outcome: { action: string; waitingFor?: string[] }): boolean =>
  outcome.action === "wait" && (outcome.waitingFor ?? []).includes(waitingWords.mergeability);

/** A head that moves again and again while being merged is left to the next event after this many reads. */
const maxEvaluations = 3;

/** What the PR shows while it waits for an owner's approval: why, and what ends the wait. */
const approvalWaitText = (taskId: string, reason: string): string =>
  [
    `Autopilot will not merge ${taskId} yet: ${reason}.`,
    "",
    "Gates, review and CI are green. An owner's approving review on the current head lets Autopilot merge it; a new push needs a new approval.",
  ].join("\n");

/**
 * GitHub refuses an app without the `workflows` permission to bring a workflow change into a
 * branch (update-branch answers 403): a person must do it; said once on the PR.
 */
const updateBranchRefusedText = (taskId: string, base: string, workflow: string): string =>
  [
    `Autopilot will not merge ${taskId} yet: the branch is behind \`${base}\`, and \`${base}\` changed the workflow ${disarmCode(workflow)}.`,
    "",
    `GitHub lets an app bring a workflow change into a branch only with the \`workflows\` permission, which Autopilot does not ask for. Please click **Update branch** (or merge \`${base}\` into the branch yourself); Autopilot merges once the gates, the review and CI are green on the new head.`,
  ].join("\n");

async function evaluateOnce(
  ctx: ConfiguredContext,
  pullNumber: number,
  login: string,
  options: EvaluateMergeOptions,
): Promise<Once> {
  const { github, config } = ctx;
  const queue = await readQueue(ctx, config);
  const entry = findTask(queue, { pr: pullNumber });
  if (!entry) return { action: "skip", reason: "not a task PR" };
  if (entry.status === "done") return { action: "skip", reason: "done" };
  // its merge was reverted (core/rollback): the merged PR must not mark the task done again
  if (entry.rollback) return { action: "skip", reason: "rolled back" };
  const pull = await readPull(ctx, pullNumber);
  // the same rule as the gates and the review: the queue records this branch and this PR, and no fork's PR is a task
  const recognised = taskOfPull(queue, config.branch_prefix, pull);
  if (recognised.kind === "none" || recognised.entry.id !== entry.id)
    return {
      action: "skip",
      reason: `not a task PR: ${recognised.kind === "none" ? recognised.reason : "another task's branch"}`,
    };
  // a task merges into the default branch only: anyone with write access can move a PR's base
  if (pull.baseRef !== ctx.defaultBranch) return refuseOtherBase(ctx, entry, pull, login);
  if (pull.merged) return finish(ctx, entry, pull, pull.mergeCommitSha ?? pull.headSha, login);
  if (pull.state === "closed") return { action: "skip", reason: "closed" };

  let current = entry;
  if (!pull.draft && entry.status === "in_progress")
    current = await moveTask(ctx, entry, {
      to: "review",
      actor: login,
      reason: `#${pullNumber} is ready for review`,
      // this evaluation decides on the moved task right below: the move's label events ask nothing more
      evaluating: true,
      // the PR's labels were just read with it: only the issue's are read again
      ...(pull.labels === undefined ? {} : { knownLabels: new Map([[pullNumber, pull.labels]]) }),
    });
  if (current.status !== "review" && current.status !== "in_progress")
    return { action: "skip", reason: `task is ${current.status}` };
  // a head the app put in the merge queue: held there, or (out of it, unmerged) never queued again by itself
  if (current.merge_queue !== undefined) {
    const held = await holdQueuedHead(ctx, current, pull, login, options.dequeuedReason);
    if (held.kind === "changed") return { action: "again", reason: "the pull request changed while it was read" };
    if (held.kind === "in_queue") {
      options.observe?.(undefined);
      return {
        action: "wait",
        reason: `in the merge queue of ${pull.baseRef} (position ${held.position}, ${held.state})`,
        waitingFor: [],
      };
    }
    if (held.kind === "removed") {
      options.observe?.(undefined);
      const reason = removalReason(pull.baseRef, held.reason);
      // a person took it out: respected, said once; any other removal is the owner's to decide
      if (!held.fresh || held.reason === "MANUAL") {
        if (held.fresh) await respectRemoval(ctx, current, pull);
        return { action: "wait", reason: `${reason}; not added again at this head`, waitingFor: [] };
      }
      return askOwnerToDecide(ctx, current, pull, { kind: "other", reason }, reason, login);
    }
  }
  // Without the review the app never marks a draft ready (`decideMerge`): whatever its checks say,
  // the draft waits for the agent or an owner, so nothing more is read. `pull` was just read from
  // GitHub; a draft marked ready since sends `ready_for_review`, which evaluates it again.
  if (pull.draft && !config.review.enabled) {
    options.observe?.(undefined);
    return {
      action: "wait",
      reason: "the pull request is a draft and the review is disabled: the agent or an owner marks it ready",
      waitingFor: [waitingWords.readyForReview],
    };
  }

  const { input, seen } = await gatherMergeInput(ctx, current, pull, login);
  let decision = decideMerge(input);
  // A merge queue tests the PR on the base's tip itself (its merge group): bringing the branch up to
  // date first would only run CI once more on a head the queue does not merge as it is.
  if (decision.action === "update_branch" && (await underMergeQueue(ctx, current, pull)))
    decision = decideMerge({ ...input, pull: { ...input.pull, behindBase: false } });
  // GitHub sends no event when it has computed mergeability: the next event must not be coalesced away
  options.observe?.(
    decision.action === "wait" && decision.waitingFor.includes(waitingWords.mergeability) ? undefined : seen,
  );
  ctx.log.info(
    {
      task: entry.id,
      pr: pullNumber,
      decision: decision.action,
      ...("reason" in decision ? { reason: decision.reason } : {}),
    },
    "merge: decided",
  );
  if (decision.action === "mark_ready") {
    // an owner sent this head back to the agent (a merge question's answer): the draft is the agent's until it pushes
    if (sentBackAt(current.history, pull.headSha))
      return {
        action: "wait",
        reason: "an owner sent this head back to the agent",
        waitingFor: [waitingWords.readyForReview],
      };
    await github.markReadyForReview(pull.nodeId);
  } else if (decision.action === "update_branch") {
    const refusedWorkflow = await github
      .updateBranch(pullNumber, decision.expectedHeadSha)
      .then(() => undefined)
      .catch((error: unknown) => {
        // the base changed a workflow: only a person (or an app with `workflows`) may bring that into the branch
        const workflow = workflowsPermissionRefusal(error);
        if (workflow) return workflow;
        if (statusOf(error) !== 422) throw error;
        ctx.log.info({ pr: pullNumber }, "merge: the head moved before update-branch; next evaluation");
        return undefined;
      });
    if (refusedWorkflow) {
      const body = updateBranchRefusedText(entry.id, pull.baseRef, refusedWorkflow.path);
      await github.upsertSticky({ issueNumber: pullNumber, key: "merge-decision", body });
      return {
        action: "wait",
        reason: `${pull.baseRef} changed ${refusedWorkflow.path}: a person must update the branch`,
        waitingFor: [waitingWords.protection],
      };
    }
  } else if (decision.action === "ask_owner") {
    // the policy's only question today: the PR does not merge cleanly into its base
    const cause: MergeStopCause = decision.reason.startsWith("conflicts")
      ? { kind: "conflict" }
      : { kind: "other", reason: decision.reason };
    return askOwnerToDecide(ctx, current, pull, cause, decision.reason, login);
  } else if (decision.action === "wait" && decision.waitingFor.includes(waitingWords.approvals)) {
    // the one wait only a person can end: say so on the PR (edited in place; unchanged → no write)
    const said = await github.upsertSticky({
      issueNumber: pullNumber,
      key: "merge-decision",
      body: approvalWaitText(entry.id, decision.reason),
    });
    // the dashboard lists PRs waiting for an approval (read from this comment)
    if (said.created || said.updated) noteDashboardChange(ctx);
  } else if (decision.action === "merge") {
    return merge(ctx, current, pull, decision, login);
  }
  return decision;
}

/**
 * Reconciles a task PR with the merge policy: moves the task to `review` once its PR is out of
 * draft, then does what `decideMerge` says: mark the PR ready, bring it up to date with its base
 * (`expected_head_sha`), merge it with the head `sha` pinned, ask the owner, or wait. When the
 * head moves during the merge (409) nothing stale is merged: everything is read and decided
 * again, on the new head. The method is the one the repository allows, read only after a refusal
 * (`mergeAllowedWay`): a configured `merge.method` it forbids is the owner's question; review
 * threads wholly the app's are resolved when the base requires conversations resolved.
 * A merge the base's branch protection holds (405 with a required review,
 * a code owner's review or a required check missing, or `mergeable_state` blocked/behind) is
 * explained in the PR's one "merge-decision" comment, naming what a person must do, and the task
 * waits in `review` until an event (or the sweep) lets the merge through. A PR that does not
 * merge cleanly, or whose merge GitHub refuses for another reason, becomes an owner question on
 * the PR and the task waits in `needs_owner` (see `askMergeQuestion`). A merged PR whose task is not
 * done yet (a crash after the merge) is finished, and an open merge question withdrawn. While
 * GitHub is still computing mergeability (`mergeable: null`) the PR is read again a few times
 * with backoff; past that the outcome says so and the caller schedules a later evaluation.
 */
export async function evaluateMerge(
  ctx: ConfiguredContext,
  pullNumber: number,
  login: string,
  options: EvaluateMergeOptions = {},
): Promise<MergeOutcome> {
  let mergeabilityReads = 1;
  for (let evaluation = 1; ; evaluation += 1) {
    const outcome = await evaluateOnce(ctx, pullNumber, login, options);
    if (waitsForMergeability(outcome) && mergeabilityReads < maxMergeabilityReads) {
      // GitHub answers null while it computes and says nothing when done: read again shortly, a bounded number of times
      await sleepMs((options.mergeabilityPauseMs ?? mergeabilityPause)(mergeabilityReads));
      mergeabilityReads += 1;
      evaluation -= 1;
      continue;
    }
    if (outcome.action !== "again") return outcome;
    ctx.log.info({ pr: pullNumber, reason: outcome.reason, evaluation }, "merge: not merged; deciding again");
    if (evaluation >= maxEvaluations) return { action: "wait", reason: outcome.reason, waitingFor: [] };
  }
}
