import type { Context } from "probot";
import { repoContextOf, type AppServices } from "../repo-context.js";
import { listEntries } from "../../core/queue/index.js";
import { configOf } from "../config-of.js";
import { dedupeKeys, queueJob } from "../scheduling/queue-job.js";
import { readQueue } from "../task-state.js";
import { normalizeLogin } from "../../core/merge/index.js";
import { evaluateMerge } from "./evaluate-merge.js";

type PullEvent =
  | "pull_request.ready_for_review"
  | "pull_request.synchronize"
  | "pull_request_review.submitted"
  | "pull_request_review_thread.resolved";

/**
 * Something the merge policy reads changed on the PR (a push, a review, ready, a review thread
 * resolved, which a base requiring conversations resolved waits for): its merge is evaluated. The
 * payload only names the PR: the evaluation reads the PR, its checks and its threads from GitHub.
 */
export function startMergeEvaluation(context: Context<PullEvent>, services: AppServices): void {
  services.merges.request(repoContextOf(context, services), context.payload.pull_request.number);
}

/**
 * A label put on or taken off the PR: its merge is evaluated, unless the app's bot sent the event
 * and this instance remembers making exactly that change (`OwnLabelChanges`): whoever makes a
 * state change evaluates the merge after it, so its label's echo asks nothing new. The sender alone
 * proves nothing (every replica is the same bot): without this instance's memory of the change
 * (another replica's, a person's, another app's label) the merge is evaluated as before. Skipping
 * never lets a merge through: at worst an evaluation is not run, and the next event or the sweep
 * runs it; every evaluation that runs still reads the PR and its checks from GitHub.
 */
export async function startMergeOnLabel(
  context: Context<"pull_request.labeled" | "pull_request.unlabeled">,
  services: AppServices,
): Promise<void> {
  const { pull_request: pull, label, sender, action } = context.payload;
  const ctx = repoContextOf(context, services);
  if (label !== undefined && sender.type === "Bot" && sender.login === (await services.login())) {
    if (services.merges.claimOwnLabel(ctx, pull.number, action, label.name)) {
      context.log.debug({ pr: pull.number, label: label.name, action }, "merge: own label change, already evaluated");
      return;
    }
  }
  services.merges.request(ctx, pull.number);
}

/**
 * A PR's base changed (`pull_request.edited` with `changes.base`): a task PR moved off the default
 * branch is refused, one moved back is merged as usual, both decided by an evaluation that reads
 * the PR's base from GitHub. Other edits (title, body) change nothing the merge reads.
 */
export function startMergeOnBaseChange(context: Context<"pull_request.edited">, services: AppServices): void {
  if (context.payload.changes.base === undefined) return;
  services.merges.request(repoContextOf(context, services), context.payload.pull_request.number);
}

/** A check run completed on PRs' head: their merge is evaluated, unless the last evaluation already saw it complete. */
export function startMergeAfterCheckRun(context: Context<"check_run.completed">, services: AppServices): void {
  const run = context.payload.check_run;
  const trigger = { kind: "check_run", id: run.id, conclusion: run.conclusion, headSha: run.head_sha } as const;
  const ctx = repoContextOf(context, services);
  for (const pull of run.pull_requests) services.merges.request(ctx, pull.number, trigger);
}

/** A check suite completed on PRs' head: as for a check run. */
export function startMergeAfterCheckSuite(context: Context<"check_suite.completed">, services: AppServices): void {
  const suite = context.payload.check_suite;
  const trigger = { kind: "check_suite", id: suite.id, headSha: suite.head_sha } as const;
  const ctx = repoContextOf(context, services);
  for (const pull of suite.pull_requests) services.merges.request(ctx, pull.number, trigger);
}

/**
 * CI that reports commit statuses: the task PRs whose branch is one of the branches at that
 * commit. The queue records each task's branch and PR, and an evaluation only ever decides a PR
 * the queue records on its own branch (`taskOfPull`), so the queue names every PR a status can
 * concern without listing pull requests: a branch no task is on has none. The payload's branches
 * may be stale by the time the job runs (a push since): the evaluation reads the PR and its
 * head's checks from GitHub, and decides on what it reads. Joins an evaluation already queued.
 */
export function startMergeOnStatus(context: Context<"status">, services: AppServices): void {
  const { state, branches, sha } = context.payload;
  if (state === "pending") return;
  const ctx = repoContextOf(context, services);
  for (const branch of branches) {
    queueJob(
      ctx,
      async () => {
        const loaded = await configOf(ctx);
        if (!loaded.ok) return;
        const pulls = listEntries(await readQueue(ctx, loaded.config)).flatMap((entry) =>
          entry.branch === branch.name && entry.pr !== null && entry.status !== "done" ? [entry.pr] : [],
        );
        for (const pull of pulls) services.merges.request(ctx, pull);
      },
      dedupeKeys.mergeOnStatus(branch.name, sha),
    );
  }
}

/**
 * A PR closed as merged, by someone other than this app (the merge queue's bot, a person): its task
 * is finished by an evaluation, which reads the PR from GitHub (the app finishes its own merges as
 * it makes them). The payload is a hint only: a forged "merged" starts an evaluation that reads
 * the PR as GitHub has it, and an open or unmerged PR finishes nothing.
 */
export async function startMergeOnClosed(
  context: Context<"pull_request.closed">,
  services: AppServices,
): Promise<void> {
  const { pull_request: pull } = context.payload;
  if (!pull.merged) return;
  const by = pull.merged_by?.login;
  if (by !== undefined && normalizeLogin(by) === normalizeLogin(await services.login())) return;
  services.merges.request(repoContextOf(context, services), pull.number);
}

/**
 * A PR left its base's merge queue: its merge is evaluated, which reads from GitHub whether the
 * head the app queued is still queued, merged or out (`holdQueuedHead`). The payload's `reason`
 * (MANUAL, CI_FAILURE, ...) is passed on only to word what the PR and the owner are told: anyone
 * able to send a webhook could forge it, so it decides nothing about the merge.
 */
export function startMergeOnDequeued(context: Context<"pull_request.dequeued">, services: AppServices): void {
  const { pull_request: pull, reason } = context.payload;
  // left the queue merged: GitHub's `pull_request.closed` follows and finishes the task (the sweep,
  // should it be lost). Skipping on this word is safe: it only ever withholds an evaluation.
  if (reason === "MERGE") return;
  const ctx = repoContextOf(context, services);
  const hint = typeof reason === "string" ? reason : undefined;
  queueJob(
    ctx,
    async () => {
      const loaded = await configOf(ctx);
      if (!loaded.ok) return;
      const options = hint === undefined ? {} : { dequeuedReason: hint };
      await evaluateMerge({ ...ctx, config: loaded.config }, pull.number, await services.login(), options);
    },
    `merge-dequeued#${pull.number}`,
  );
}
