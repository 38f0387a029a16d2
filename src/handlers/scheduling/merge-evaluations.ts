import { listEntries } from "../../core/queue/index.js";
import { WorkQueueClosedError } from "../../work/index.js";
import { configOf } from "../config-of.js";
import { evaluateMerge, waitsForMergeability } from "../merge/evaluate-merge.js";
import type { MergeRequests, RepoContext } from "../repo-context.js";
import { readQueue } from "../task-state.js";
import { dedupeKeys, laneOf, queueJob } from "./queue-job.js";
import { type LabelAction, OwnLabelChanges } from "./own-label-changes.js";
import { alreadySeen, type CheckTrigger, SeenChecksMemo } from "./seen-checks.js";

/** What the events queued for one PR's next evaluation asked: `any` when one of them was not a check event. */
interface Pending {
  any: boolean;
  checks: CheckTrigger[];
}

/**
 * The merge policy is evaluated again whenever something it reads may have changed, and each
 * evaluation reads everything again from GitHub, so evaluations of one PR are coalesced: events
 * arriving while one is queued join it; a queued evaluation lets the repository's other queued
 * jobs (the review of the same head, say) run first, once, so it reads their results instead of
 * being repeated after them; and check events about runs the last evaluation already saw
 * completed are dropped (`seen-checks`). An evaluation that still finds GitHub computing
 * mergeability after its own re-reads schedules a later one (`services.rechecks`: bounded, with
 * backoff, off the queue meanwhile); the sweep does the rest. One per app instance.
 */
export class MergeEvaluations implements MergeRequests {
  readonly #memo = new SeenChecksMemo();
  readonly #pending = new Map<string, Pending>();
  readonly #ownLabels: OwnLabelChanges;

  constructor(ownLabels = new OwnLabelChanges()) {
    this.#ownLabels = ownLabels;
  }

  /** See `OwnLabelChanges`: the caller evaluates the merge after this change (or none can follow it). */
  noteOwnLabels(
    ctx: RepoContext,
    pullNumber: number,
    change: { added: readonly string[]; removed: readonly string[] },
  ): void {
    this.#ownLabels.note(`${laneOf(ctx)}#${pullNumber}`, change);
  }

  /** Whether a label event reports a change this instance made and noted (claimed once). */
  claimOwnLabel(ctx: RepoContext, pullNumber: number, action: LabelAction, label: string): boolean {
    return this.#ownLabels.claim(`${laneOf(ctx)}#${pullNumber}`, action, label);
  }

  /** Queues an evaluation of the PR, or joins the one queued (`trigger`: the check event that asked). */
  request(ctx: RepoContext, pullNumber: number, trigger?: CheckTrigger): void {
    const { work, login } = ctx.services;
    const key = `${laneOf(ctx)}#${pullNumber}`;
    const asked = this.#pending.get(key) ?? { any: false, checks: [] };
    if (trigger) asked.checks.push(trigger);
    else asked.any = true;
    this.#pending.set(key, asked);
    const lane = laneOf(ctx);
    let yielded = false;
    const job = async (): Promise<void> => {
      // jobs queued meanwhile (a review of this head, say) may change what the evaluation reads: let them run first, once
      if (!yielded && !work.closed && work.pending(lane) > 1) {
        yielded = true;
        queueJob(ctx, job, dedupeKeys.merge(pullNumber));
        return;
      }
      // everything asked until now is answered by this evaluation; later events queue the next one
      const taken = this.#pending.get(key) ?? { any: true, checks: [] };
      this.#pending.delete(key);
      if (!taken.any && taken.checks.every((check) => alreadySeen(this.#memo.get(key), check))) {
        ctx.log.debug({ pr: pullNumber }, "merge: the last evaluation already saw these checks complete");
        return;
      }
      await this.evaluate(ctx, pullNumber, await login());
    };
    queueJob(ctx, job, dedupeKeys.merge(pullNumber));
  }

  /** One evaluation, now; while GitHub still computes mergeability after its own reads, a later one is scheduled. */
  async evaluate(ctx: RepoContext, pullNumber: number, me: string): Promise<void> {
    const { rechecks } = ctx.services;
    const loaded = await configOf(ctx);
    if (!loaded.ok) return;
    const key = `${laneOf(ctx)}#${pullNumber}`;
    const outcome = await evaluateMerge({ ...ctx, config: loaded.config }, pullNumber, me, {
      observe: (seen) => this.#memo.set(key, seen),
    });
    if (!waitsForMergeability(outcome)) return rechecks.settled(key);
    // a fresh context when it fires: the configuration is read again, no delivery is claimed
    const later = { ...ctx, delivery: null };
    const scheduled = rechecks.schedule(key, () => {
      try {
        this.request(later, pullNumber);
      } catch (error) {
        if (!(error instanceof WorkQueueClosedError)) throw error;
      }
    });
    const attempts = rechecks.attemptsOf(key);
    ctx.log.info(
      { pr: pullNumber, scheduled, attempts },
      scheduled
        ? "merge: GitHub is computing mergeability; evaluating again later"
        : "merge: GitHub is still computing mergeability; the sweep evaluates it again",
    );
  }
}

/**
 * Queues a merge evaluation for every task of the repository that has an open PR (`in_progress`
 * or `review` in the queue), e.g. after `/resume`. Each reads the configuration afresh, not the
 * copy its delivery read before the switch changed. Resolves with the PR numbers queued.
 */
export async function reevaluateOpenTaskPulls(ctx: RepoContext): Promise<number[]> {
  const loaded = await configOf({ ...ctx, delivery: null });
  if (!loaded.ok) return [];
  const pulls = listEntries(await readQueue(ctx, loaded.config)).flatMap((entry) =>
    entry.pr !== null && (entry.status === "in_progress" || entry.status === "review") ? [entry.pr] : [],
  );
  for (const pullNumber of pulls) {
    queueJob(
      ctx,
      async () => {
        const fresh = await configOf({ ...ctx, delivery: null });
        if (fresh.ok) await evaluateMerge({ ...ctx, config: fresh.config }, pullNumber, await ctx.services.login());
      },
      dedupeKeys.mergeFresh(pullNumber),
    );
  }
  return pulls;
}
