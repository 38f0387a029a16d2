import type { Context } from "probot";
import { configOf } from "../config-of.js";
import { repoContextOf, type AppServices, type RepoContext } from "../repo-context.js";
import { noteDashboardChange } from "../scheduling/dashboard-refresher.js";
import { dedupeKeys, queueJob } from "../scheduling/queue-job.js";
import { dispatchHeld } from "./dispatch-held.js";

/**
 * Readiness evaluated again after the default branch's checks or configuration changed, and the
 * held tasks dispatched once nothing holds them. Only in a repository where this instance held a
 * task (the sweep catches up after a restart), so the default branch's events cost nothing
 * otherwise.
 */
async function releaseHeld(ctx: RepoContext, login: string): Promise<void> {
  if (!ctx.services.readiness.isHolding(`${ctx.owner}/${ctx.repo}`)) return;
  const loaded = await configOf(ctx);
  if (!loaded.ok) return; // reported on the next issue event; nothing starts under an invalid configuration
  const configured = { ...ctx, config: loaded.config };
  const { hold } = await dispatchHeld(configured, login, { reconcileStarted: false });
  ctx.log.info({ hold: hold ?? null }, hold ? "readiness: tasks still held" : "readiness: held tasks released");
  noteDashboardChange(configured);
}

function startRelease(context: Context<"status" | "check_suite.completed" | "push">, services: AppServices): void {
  const ctx = repoContextOf(context, services);
  if (!services.readiness.isHolding(`${ctx.owner}/${ctx.repo}`)) return;
  queueJob(ctx, async () => releaseHeld(ctx, await services.login()), dedupeKeys.readiness);
}

/** `status` on the default branch's head: a required check or CI may have turned green. */
export function startReadinessOnStatus(context: Context<"status">, services: AppServices): void {
  const { branches, repository } = context.payload;
  if (!branches.some((branch) => branch.name === repository.default_branch)) return;
  startRelease(context, services);
}

/** `check_suite.completed` on the default branch: its check runs may have turned green. */
export function startReadinessOnSuite(context: Context<"check_suite.completed">, services: AppServices): void {
  const { check_suite: suite, repository } = context.payload;
  if (suite.head_branch !== repository.default_branch) return;
  startRelease(context, services);
}

/**
 * A push to the default branch: a new head, or a changed configuration. The `push` event, not the
 * check suite GitHub requests for the commit: that comes once per commit SHA, so a fast-forward of
 * the default branch to a commit pushed elsewhere first (its CI green there) brings none.
 */
export function startReadinessOnPush(context: Context<"push">, services: AppServices): void {
  const { ref, deleted, repository } = context.payload;
  if (deleted || ref !== `refs/heads/${repository.default_branch}`) return;
  startRelease(context, services);
}
