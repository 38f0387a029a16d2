import type { Context } from "probot";
import { repoContextOf, type AppServices } from "../repo-context.js";
import { dedupeKeys, queueJob } from "../scheduling/queue-job.js";

type PullEvent =
  | "pull_request.ready_for_review"
  | "pull_request.synchronize"
  | "pull_request.labeled"
  | "pull_request.unlabeled"
  | "pull_request_review.submitted";

/** Something the merge policy reads changed on the PR (a push, a label, a review, ready): its merge is evaluated. */
export function startMergeEvaluation(context: Context<PullEvent>, services: AppServices): void {
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

/** CI that reports commit statuses: the pull requests whose head is one of the branches at that commit. */
export function startMergeOnStatus(context: Context<"status">, services: AppServices): void {
  const { state, branches, sha } = context.payload;
  if (state === "pending") return;
  const ctx = repoContextOf(context, services);
  for (const branch of branches) {
    queueJob(
      ctx,
      async () => {
        const data = await ctx.github.listPullsFrom(`${ctx.owner}:${branch.name}`, { state: "open", limit: 5 });
        const me = await services.login();
        for (const pull of data) await services.merges.evaluate(ctx, pull.number, me);
      },
      dedupeKeys.mergeOnStatus(branch.name, sha),
    );
  }
}
