import { decideMerge, type MergeDecisionResult } from "../../core/merge/index.js";
import { applyTransition, type QueueEntry } from "../../core/queue/index.js";
import { parseReviewComment } from "../../core/review/index.js";
import { findStickyComment, listPullFiles, mapChangedFile, statusOf, upsertStickyComment } from "../../github/index.js";
import { commitQueueChange } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";
import { findTask, mirrorStatus, readQueue } from "../task-state.js";
import { commitAfterMerge } from "./after-merge.js";
import { finishTask } from "./finish-task.js";
import { gatherMergeInput, type MergePullFacts } from "./gather-merge-input.js";

export type MergeOutcome = MergeDecisionResult | { action: "merged"; sha: string } | { action: "skip"; reason: string };

type PullRead = MergePullFacts & { nodeId: string; mergeCommitSha: string | null; repoUrl: string };

async function readPull(ctx: ConfiguredContext, pullNumber: number): Promise<PullRead> {
  const { data } = await ctx.octokit.rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: pullNumber });
  return {
    number: data.number,
    nodeId: data.node_id,
    draft: data.draft ?? false,
    state: data.state === "closed" ? "closed" : "open",
    merged: data.merged,
    headSha: data.head.sha,
    headRef: data.head.ref,
    baseRef: data.base.ref,
    mergeable: data.mergeable,
    mergeableState: data.mergeable_state,
    author: { login: data.user.login, type: data.user.type },
    mergeCommitSha: data.merge_commit_sha,
    repoUrl: data.base.repo.html_url,
  };
}

/** Records the merge and finishes the task: the post-merge commit, the issue closed, follow-ups opened. */
async function completeMerge(ctx: ConfiguredContext, entry: QueueEntry, pull: PullRead, mergeSha: string, login: string): Promise<void> {
  const { octokit, owner, repo } = ctx;
  const files = (await listPullFiles(octokit, { owner, repo, pullNumber: pull.number })).map(mapChangedFile);
  const comment = await findStickyComment(octokit, { owner, repo, issueNumber: pull.number, key: "review" });
  const review = comment ? parseReviewComment(comment.body) : undefined;
  await commitAfterMerge(ctx, { taskId: entry.id, pullNumber: pull.number, mergeSha, headSha: pull.headSha, files, review, actor: login }, pull.repoUrl);
  await finishTask(ctx, { taskId: entry.id, issue: entry.issue, pullNumber: pull.number, mergeSha, branch: pull.headRef, review });
  await mirrorStatus(ctx, ctx.config, { ...entry, pr: null }, "done");
}

/**
 * Reconciles a task PR with the merge policy: moves the task to `review` once its PR is out of
 * draft, then does what `decideMerge` says: mark the PR ready, bring it up to date with its base
 * (`expected_head_sha`), merge it with the head `sha` pinned, ask the owner about a conflict, or
 * wait. A head that moved meanwhile (409) is left for the next evaluation; a conflict (405)
 * blocks the task. A merged PR whose task is not done yet (a crash after the merge) is finished.
 */
export async function evaluateMerge(ctx: ConfiguredContext, pullNumber: number, login: string): Promise<MergeOutcome> {
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
  if (!pull.draft && entry.status === "in_progress") {
    ({ entry: current } = await commitQueueChange(ctx, config, {
      taskId: entry.id,
      apply: (doc) => applyTransition(doc, { taskId: entry.id, to: "review", actor: login, reason: `#${pullNumber} is ready for review`, delivery: ctx.delivery, at: new Date().toISOString() }),
    }));
    await mirrorStatus(ctx, config, entry, "review");
  }
  if (current.status !== "review" && current.status !== "in_progress") return { action: "skip", reason: `task is ${current.status}` };

  const decision = decideMerge(await gatherMergeInput(ctx, current, pull, login));
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
  } else if (decision.action === "merge") {
    try {
      const { data } = await octokit.rest.pulls.merge({ owner, repo, pull_number: pullNumber, merge_method: decision.method, sha: decision.sha });
      await completeMerge(ctx, current, pull, data.sha, login);
      return { action: "merged", sha: data.sha };
    } catch (error) {
      if (statusOf(error) === 409) return { action: "wait", reason: "the head moved during the merge", waitingFor: [] };
      if (statusOf(error) !== 405) throw error;
      await commitQueueChange(ctx, config, {
        taskId: entry.id,
        apply: (doc) => applyTransition(doc, { taskId: entry.id, to: "blocked", actor: login, reason: `#${pullNumber} cannot be merged: conflicts`, delivery: ctx.delivery, at: new Date().toISOString() }),
      });
      await upsertStickyComment(octokit, { owner, repo, issueNumber: pullNumber, key: "merge-decision", body: `Autopilot could not merge ${entry.id}: GitHub reports conflicts with \`${pull.baseRef}\`. The task is blocked until they are resolved.` });
    }
  }
  return decision;
}
