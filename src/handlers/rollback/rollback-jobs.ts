import type { Context } from "probot";
import { checkRunFailed, statusFailed } from "../../core/rollback/index.js";
import { repoContextOf, type AppServices } from "../repo-context.js";
import { queueJob } from "../scheduling/queue-job.js";
import { rollBack } from "./roll-back.js";

/** One job per failing check and commit: a redelivery while it waits joins it (the queue record guards the rest). */
const dedupeKey = (name: string, sha: string): string => `rollback:${name}@${sha}`;

/** A check run failed: when it is a required check on a task's merge commit, the task may be rolled back. */
export function startRollbackOnCheckRun(context: Context<"check_run.completed">, services: AppServices): void {
  const run = context.payload.check_run;
  if (!checkRunFailed(run.conclusion)) return;
  const ctx = repoContextOf(context, services);
  const failure = {
    name: run.name,
    sha: run.head_sha,
    outcome: run.conclusion ?? "",
    source: { kind: "check_run", app: run.app?.slug ?? null } as const,
    url: run.html_url ?? run.details_url ?? null,
  };
  queueJob(ctx, () => rollBack(ctx, failure), dedupeKey(run.name, run.head_sha));
}

/** A commit status failed: as for a check run, with the status's poster as its source. */
export function startRollbackOnStatus(context: Context<"status">, services: AppServices): void {
  const { state, sha, context: name, target_url: url, sender } = context.payload;
  if (!statusFailed(state)) return;
  const ctx = repoContextOf(context, services);
  const failure = {
    name,
    sha,
    outcome: state,
    source: { kind: "status", creator: sender?.login ?? null } as const,
    url: url ?? null,
  };
  queueJob(ctx, () => rollBack(ctx, failure), dedupeKey(name, sha));
}
