import type { Probot } from "probot";
import { listEntries } from "../../core/queue/index.js";
import type { WorkQueue } from "../../work/index.js";
import { readQueue } from "../task-state.js";
import { type RepoContext, repoContextOf } from "../repo-context.js";
import { WorkQueueClosedError } from "../../work/index.js";
import { evaluateMerge, waitsForMergeability } from "./evaluate-merge.js";
import { MergeabilityRechecks } from "./mergeability-rechecks.js";
import { configOf } from "../config-of.js";
import { alreadySeen, SeenChecksMemo, type CheckTrigger } from "./seen-checks.js";

/** What the events queued for one PR's next evaluation asked: `any` when one of them was not a check event. */
interface Pending {
  any: boolean;
  checks: CheckTrigger[];
}

/**
 * The merge policy is evaluated again whenever something it reads may have changed: a check run
 * or suite completed on a PR's head, a review was submitted, a label changed, the PR was pushed
 * to or marked ready, a commit status was reported. Each evaluation reads everything again from
 * GitHub. Evaluations of one PR are coalesced: events arriving while one is queued join it; a
 * queued evaluation lets the repository's other queued jobs (the review of the same head, say)
 * run first, once, so it reads their results instead of being repeated after them; and check
 * events about runs the last evaluation already saw completed are dropped (`seen-checks`). An
 * evaluation that still finds GitHub computing mergeability after its own re-reads schedules a
 * later one (`rechecks`: bounded, with backoff, off the queue meanwhile); the sweep does the rest.
 */
export function registerMerge(app: Probot, work: WorkQueue, login: () => Promise<string>, rechecks = new MergeabilityRechecks()): void {
  const memo = new SeenChecksMemo();
  const pending = new Map<string, Pending>();
  /** One evaluation; while GitHub still computes mergeability after the evaluation's own reads, a later one is scheduled. */
  const runMerge = async (ctx: RepoContext, pullNumber: number, me: string): Promise<void> => {
    const loaded = await configOf(ctx);
    if (!loaded.ok) return;
    const key = `${ctx.owner}/${ctx.repo}#${pullNumber}`;
    const outcome = await evaluateMerge({ ...ctx, config: loaded.config }, pullNumber, me, { observe: (seen) => memo.set(key, seen) });
    if (!waitsForMergeability(outcome)) return rechecks.settled(key);
    // a fresh context when it fires: the configuration is read again, no delivery is claimed
    const later = { ...ctx, delivery: null };
    const scheduled = rechecks.schedule(key, () => {
      try {
        enqueue(later, pullNumber);
      } catch (error) {
        if (!(error instanceof WorkQueueClosedError)) throw error;
      }
    });
    const attempts = rechecks.attemptsOf(key);
    ctx.log.info({ pr: pullNumber, scheduled, attempts }, scheduled ? "merge: GitHub is computing mergeability; evaluating again later" : "merge: GitHub is still computing mergeability; the sweep evaluates it again");
  };
  const enqueue = (ctx: RepoContext, pullNumber: number, trigger?: CheckTrigger): void => {
    const key = `${ctx.owner}/${ctx.repo}#${pullNumber}`;
    const asked = pending.get(key) ?? { any: false, checks: [] };
    if (trigger) asked.checks.push(trigger);
    else asked.any = true;
    pending.set(key, asked);
    const lane = `${ctx.owner}/${ctx.repo}`;
    let yielded = false;
    const job = async (): Promise<void> => {
      // jobs queued meanwhile (a review of this head, say) may change what the evaluation reads: let them run first, once
      if (!yielded && !work.closed && work.pending(lane) > 1) {
        yielded = true;
        void work.enqueue(lane, job, { dedupeKey: `merge#${pullNumber}` });
        return;
      }
      // everything asked until now is answered by this evaluation; later events queue the next one
      const taken = pending.get(key) ?? { any: true, checks: [] };
      pending.delete(key);
      if (!taken.any && taken.checks.every((check) => alreadySeen(memo.get(key), check))) {
        ctx.log.debug({ pr: pullNumber }, "merge: the last evaluation already saw these checks complete");
        return;
      }
      await runMerge(ctx, pullNumber, await login());
    };
    void work.enqueue(lane, job, { dedupeKey: `merge#${pullNumber}` });
  };
  app.on(["pull_request.ready_for_review", "pull_request.synchronize", "pull_request.labeled", "pull_request.unlabeled"], async (context) => {
    enqueue(repoContextOf(context), context.payload.pull_request.number);
  });
  app.on("pull_request_review.submitted", async (context) => enqueue(repoContextOf(context), context.payload.pull_request.number));
  app.on("check_run.completed", async (context) => {
    const run = context.payload.check_run;
    for (const pull of run.pull_requests) enqueue(repoContextOf(context), pull.number, { kind: "check_run", id: run.id, conclusion: run.conclusion, headSha: run.head_sha });
  });
  app.on("check_suite.completed", async (context) => {
    const suite = context.payload.check_suite;
    for (const pull of suite.pull_requests) enqueue(repoContextOf(context), pull.number, { kind: "check_suite", id: suite.id, headSha: suite.head_sha });
  });
  // CI that reports commit statuses: the pull requests whose head is one of the branches at that commit
  app.on("status", async (context) => {
    const { state, branches, sha } = context.payload;
    if (state === "pending") return;
    const ctx = repoContextOf(context);
    for (const branch of branches) {
      void work.enqueue(
        `${ctx.owner}/${ctx.repo}`,
        async () => {
          const data = await ctx.github.listPullsFrom(`${ctx.owner}:${branch.name}`, { state: "open", limit: 5 });
          const me = await login();
          for (const pull of data) await runMerge(ctx, pull.number, me);
        },
        { dedupeKey: `merge-status:${branch.name}@${sha}` },
      );
    }
  });
}

/**
 * Queues a merge evaluation for every task of the repository that has an open PR (`in_progress`
 * or `review` in the queue), e.g. after `/resume`. Each reads the configuration afresh, not the
 * copy its delivery read before the switch changed. Resolves with the PR numbers queued.
 */
export async function reevaluateOpenTaskPulls(ctx: RepoContext, work: WorkQueue, login: () => Promise<string>): Promise<number[]> {
  const loaded = await configOf({ ...ctx, delivery: null });
  if (!loaded.ok) return [];
  const pulls = listEntries(await readQueue(ctx, loaded.config)).flatMap((entry) => (entry.pr !== null && (entry.status === "in_progress" || entry.status === "review") ? [entry.pr] : []));
  for (const pullNumber of pulls) {
    void work.enqueue(
      `${ctx.owner}/${ctx.repo}`,
      async () => {
        const fresh = await configOf({ ...ctx, delivery: null });
        if (fresh.ok) await evaluateMerge({ ...ctx, config: fresh.config }, pullNumber, await login());
      },
      { dedupeKey: `merge#${pullNumber}:fresh` },
    );
  }
  return pulls;
}
