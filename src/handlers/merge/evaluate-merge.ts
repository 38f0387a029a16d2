import { decideMerge, waitingWords, type MergeDecisionResult } from "../../core/merge/index.js";
import { applyTransition, type QueueEntry, type QueueStatus } from "../../core/queue/index.js";
import { statusOf, upsertStickyComment } from "../../github/index.js";
import { commitQueueChange } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";
import { findTask, mirrorStatus, readQueue } from "../task-state.js";
import { attemptMerge } from "./attempt-merge.js";
import { completeMerge } from "./complete-merge.js";
import { gatherMergeInput } from "./gather-merge-input.js";
import { readPull, type PullRead } from "./read-pull.js";
import type { SeenChecks } from "./seen-checks.js";

export type MergeOutcome = MergeDecisionResult | { action: "merged"; sha: string } | { action: "skip"; reason: string };

export interface EvaluateMergeOptions {
  /** Told which checks the evaluation saw completed (undefined: nothing to coalesce on). */
  observe?: (seen: SeenChecks | undefined) => void;
}

/** A head that moves again and again while being merged is left to the next event after this many reads. */
const maxEvaluations = 3;
type Once = MergeOutcome | { action: "again"; reason: string };

async function moveTask(ctx: ConfiguredContext, entry: QueueEntry, to: QueueStatus, login: string, reason: string): Promise<QueueEntry> {
  const { entry: moved } = await commitQueueChange(ctx, ctx.config, {
    taskId: entry.id,
    apply: (doc) => applyTransition(doc, { taskId: entry.id, to, actor: login, reason, delivery: ctx.delivery, at: new Date().toISOString() }),
  });
  await mirrorStatus(ctx, ctx.config, entry, to);
  return moved;
}

/** Merges pinned to the judged head; a moved head or a PR back in draft is read again, a conflict blocks the task. */
async function merge(ctx: ConfiguredContext, entry: QueueEntry, pull: PullRead, decision: Extract<MergeDecisionResult, { action: "merge" }>, login: string): Promise<Once> {
  const { octokit, owner, repo } = ctx;
  const attempt = await attemptMerge(ctx, pull.number, decision.method, decision.sha);
  if (attempt.kind === "merged") {
    await completeMerge(ctx, entry, pull, attempt.sha, login);
    return { action: "merged", sha: attempt.sha };
  }
  if (attempt.kind === "head_moved" || attempt.kind === "draft") {
    return { action: "again", reason: attempt.kind === "draft" ? "the pull request went back to draft during the merge" : "the head moved during the merge" };
  }
  const target = { owner, repo, issueNumber: pull.number, key: "merge-decision" };
  if (attempt.kind === "refused") {
    await upsertStickyComment(octokit, { ...target, body: `Autopilot could not merge ${entry.id}: GitHub refused with "${attempt.message}". An owner needs to look at the repository's merge rules.` });
    return { action: "ask_owner", reason: `GitHub refused the merge: ${attempt.message}` };
  }
  await moveTask(ctx, entry, "blocked", login, `#${pull.number} cannot be merged: conflicts with ${pull.baseRef}`);
  await upsertStickyComment(octokit, { ...target, body: `Autopilot could not merge ${entry.id}: GitHub reports conflicts with \`${pull.baseRef}\`. The task is blocked until they are resolved (push a fix, then \`/unblock\`).` });
  return { action: "ask_owner", reason: `conflicts with ${pull.baseRef}` };
}

/** What the PR shows while it waits for an owner's approval: why, and what ends the wait. */
const approvalWaitText = (taskId: string, reason: string): string =>
  [
    `Autopilot will not merge ${taskId} yet: ${reason}.`,
    "",
    "Gates, review and CI are green. An owner's approving review on the current head lets Autopilot merge it; a new push needs a new approval.",
  ].join("\n");

async function evaluateOnce(ctx: ConfiguredContext, pullNumber: number, login: string, options: EvaluateMergeOptions): Promise<Once> {
  const { octokit, owner, repo, config } = ctx;
  const entry = findTask(await readQueue(ctx, config), { pr: pullNumber });
  if (!entry) return { action: "skip", reason: "not a task PR" };
  if (entry.status === "done") return { action: "skip", reason: "done" };
  const pull = await readPull(ctx, pullNumber);
  if (pull.merged) {
    const sha = pull.mergeCommitSha ?? pull.headSha;
    await completeMerge(ctx, entry, pull, sha, login);
    return { action: "merged", sha };
  }
  if (pull.state === "closed") return { action: "skip", reason: "closed" };

  let current = entry;
  if (!pull.draft && entry.status === "in_progress") current = await moveTask(ctx, entry, "review", login, `#${pullNumber} is ready for review`);
  if (current.status !== "review" && current.status !== "in_progress") return { action: "skip", reason: `task is ${current.status}` };

  const { input, seen } = await gatherMergeInput(ctx, current, pull, login);
  const decision = decideMerge(input);
  // GitHub sends no event when it has computed mergeability: the next event must not be coalesced away
  options.observe?.(decision.action === "wait" && decision.waitingFor.includes(waitingWords.mergeability) ? undefined : seen);
  ctx.log.info({ task: entry.id, pr: pullNumber, decision: decision.action, ...("reason" in decision ? { reason: decision.reason } : {}) }, "merge: decided");
  if (decision.action === "mark_ready") {
    await octokit.graphql("mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft } } }", { id: pull.nodeId });
  } else if (decision.action === "update_branch") {
    await octokit.rest.pulls.updateBranch({ owner, repo, pull_number: pullNumber, expected_head_sha: decision.expectedHeadSha }).catch((error: unknown) => {
      if (statusOf(error) !== 422) throw error;
      ctx.log.info({ pr: pullNumber }, "merge: the head moved before update-branch; next evaluation");
    });
  } else if (decision.action === "ask_owner") {
    await upsertStickyComment(octokit, { owner, repo, issueNumber: pullNumber, key: "merge-decision", body: `Autopilot cannot merge ${entry.id}: ${decision.reason}. An owner needs to decide (resolve it and push, or close the PR).` });
  } else if (decision.action === "wait" && decision.waitingFor.includes(waitingWords.approvals)) {
    // the one wait only a person can end: say so on the PR (edited in place; unchanged → no write)
    await upsertStickyComment(octokit, { owner, repo, issueNumber: pullNumber, key: "merge-decision", body: approvalWaitText(entry.id, decision.reason) });
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
 * again, on the new head. A conflict found by the merge (405) blocks the task with a comment. A
 * merged PR whose task is not done yet (a crash after the merge) is finished.
 */
export async function evaluateMerge(ctx: ConfiguredContext, pullNumber: number, login: string, options: EvaluateMergeOptions = {}): Promise<MergeOutcome> {
  for (let evaluation = 1; ; evaluation += 1) {
    const outcome = await evaluateOnce(ctx, pullNumber, login, options);
    if (outcome.action !== "again") return outcome;
    ctx.log.info({ pr: pullNumber, reason: outcome.reason, evaluation }, "merge: not merged; deciding again");
    if (evaluation >= maxEvaluations) return { action: "wait", reason: outcome.reason, waitingFor: [] };
  }
}
