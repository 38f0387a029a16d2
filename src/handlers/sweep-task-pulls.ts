import type { CheckRun, ListedPull } from "../github/index.js";
import type { ConfiguredContext } from "./repo-context.js";
import { evaluateMerge } from "./merge/evaluate-merge.js";
import { runReview } from "./review/review-jobs.js";
import { findTask, readQueue } from "./task-state.js";
import { dedupeKeys, queueJob } from "./scheduling/queue-job.js";
import { gateNames, reviewCheckName } from "../core/check-names.js";
import { appSlugOf, isOwnRun } from "../core/own-check-run.js";
import { listEntries, type QueueDocument, type QueueEntry } from "../core/queue/index.js";

/** What the sweep read of one open task PR: the PR as listed and its head's check runs. */
export interface SweptPull {
  pull: Pick<ListedPull, "number" | "draft"> & { head: { ref: string; sha: string } };
  runs: readonly CheckRun[];
}

/** A task that is still moving: its PR may merge, or be reviewed and then merge. */
const moving = (entry: QueueEntry | undefined): entry is QueueEntry =>
  entry?.status === "in_progress" || entry?.status === "review";

/**
 * The review of a ready task PR whose head the app's three gates passed and the app never
 * reviewed, queued as its events queue it: the one request that publishes a review can fail
 * (a GitHub 5xx), the gate run's `check_run.completed` that starts it can be lost, and nothing
 * else starts it again. Judged from the check runs the sweep already listed, so it costs nothing
 * when no review is missing; the review skips a reviewed head and keeps its own caps.
 */
function reviewMissing(ctx: ConfiguredContext, swept: readonly SweptPull[], queue: QueueDocument, login: string): void {
  if (!ctx.config.review.enabled) return;
  const appSlug = appSlugOf(login);
  for (const { pull, runs } of swept) {
    if (pull.draft === true || !pull.head.ref.startsWith(ctx.config.branch_prefix)) continue;
    if (!moving(findTask(queue, { pr: pull.number }))) continue;
    const ours = runs.filter((run) => isOwnRun(run, appSlug) && run.head_sha === pull.head.sha);
    const green = gateNames.every((name) => ours.some((run) => run.name === name && run.conclusion === "success"));
    if (!green || ours.some((run) => run.name === reviewCheckName)) continue;
    ctx.log.info({ pr: pull.number, head: pull.head.sha }, "sweep: gates green and no review run; review queued");
    queueJob(
      ctx,
      () => runReview(ctx, pull.number, { explicit: false }, ctx.services.reviewPorts, appSlug),
      dedupeKeys.review(pull.number, false),
    );
  }
}

/**
 * The merge of every ready task PR whose task is `in_progress` or `review`, evaluated again: GitHub
 * sends no event once it has computed a PR's mergeability, and a delivery can be lost, so no PR
 * waits forever for an event that never comes. A moving task whose PR is not open any more is
 * evaluated too (one read of its PR; normally there is none): a merge whose finishing was cut off
 * (a lost `pull_request.closed`, a 5xx between the merge and the done commit) is finished, since
 * its issue, closed by GitHub's closing keyword, is no longer swept. One PR's failure does not
 * stop the others.
 */
export async function sweepTaskPulls(
  ctx: ConfiguredContext,
  swept: readonly SweptPull[],
  login: string,
): Promise<void> {
  const queue = await readQueue(ctx, ctx.config);
  reviewMissing(ctx, swept, queue, login);
  const open = new Set(swept.map(({ pull }) => pull.number));
  const ready = swept
    .filter(({ pull }) => pull.draft !== true && pull.head.ref.startsWith(ctx.config.branch_prefix))
    .map(({ pull }) => pull.number);
  const gone = listEntries(queue).flatMap((entry) =>
    moving(entry) && entry.pr !== null && !open.has(entry.pr) ? [entry.pr] : [],
  );
  for (const number of [...ready, ...gone]) {
    const entry = findTask(queue, { pr: number });
    if (!moving(entry)) continue;
    try {
      const outcome = await evaluateMerge(ctx, number, login);
      ctx.log.info({ pr: number, task: entry.id, outcome: outcome.action }, "sweep: merge evaluated");
    } catch (err) {
      ctx.log.error({ err, pr: number }, "sweep: merge evaluation failed; the next sweep tries again");
    }
  }
}
