import { sameDashboard, type Health } from "../../core/progress/index.js";
import { isNotFound, statusOf } from "../../github/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import { createDashboard } from "./create-dashboard.js";
import { findDashboard, forgetDashboard, rememberDashboard, writtenDashboard } from "./find-dashboard.js";
import type { RefreshedDashboard } from "./refreshed-dashboard.js";
import { renderDashboardBody } from "./render-dashboard-body.js";
import type { EvaluatedReadiness } from "../readiness/evaluate-readiness.js";

export type { RefreshedDashboard } from "./refreshed-dashboard.js";

export interface RefreshDashboardOptions {
  /** the app's bot login: only its own issue is the dashboard */
  login: string;
  /** default: the current time */
  now?: Date;
  /** health already gathered for this repository (a sweep); gathered here otherwise */
  health?: Health;
  /**
   * read the issue even when this instance wrote its body last (the sweep does, so a dashboard a
   * person closed or edited is found again); otherwise the body written last stands for it
   */
  verify?: boolean;
  /** readiness already evaluated (a sweep); evaluated here otherwise */
  readiness?: EvaluatedReadiness;
}

/**
 * Brings the dashboard issue up to date with the queue and the health as GitHub shows them now:
 * creates it the first time, rewrites its body when what it shows changed, writes nothing
 * otherwise. It always reads the current queue, so however many transitions a debounced
 * refresh stands for, it shows the latest state.
 *
 * Its reads (the queue, the task PRs' comments, the default branch's head) stay live on purpose:
 * each is a conditional GET, counted only for a version this instance has not read yet, and the
 * jobs that decide (review, merge evaluation, dispatch) and the sweep read the same versions right
 * after. Answering them here from a memory of the app's own writes would move each counted read to
 * the next of those readers, not save it (measured on the lifecycle bench, see
 * docs/architecture.md "Who pays for a change"), and would let another replica's or a person's
 * change go unseen until the next sweep. What saves calls is the edit: a job that changed what the
 * dashboard shows sends it in a request it makes anyway when it can (`rideDashboard`, rendered by
 * the same `renderDashboardBody`); this refresh runs for the rest (the sweep, a change no ride
 * covered, a fresh instance that does not know the dashboard yet).
 */
export async function refreshDashboard(
  ctx: ConfiguredContext,
  options: RefreshDashboardOptions,
): Promise<RefreshedDashboard> {
  const { github } = ctx;
  const existing =
    (options.verify === true ? undefined : writtenDashboard(ctx)) ?? (await findDashboard(ctx, options.login));
  const { body, health } = await renderDashboardBody(ctx, existing, options);
  if (!existing) return createDashboard(ctx, options.login, body);
  if (sameDashboard(existing.body, body)) {
    rememberDashboard(ctx, existing);
    return { issue: existing.number, created: false, updated: false };
  }
  let written: Awaited<ReturnType<typeof github.updateIssue>>;
  try {
    written = await github.updateIssue(existing.number, { body });
  } catch (error) {
    if (!isNotFound(error) && statusOf(error) !== 410) throw error;
    // deleted since this instance last wrote it: find the dashboard again, or open one
    forgetDashboard(ctx);
    return refreshDashboard(ctx, { ...options, verify: true });
  }
  if (written.state !== "open") {
    // closed by someone since this instance last looked: look for the dashboard again
    forgetDashboard(ctx);
    return refreshDashboard(ctx, { ...options, verify: true });
  }
  rememberDashboard(ctx, { number: written.number, nodeId: written.node_id, body, htmlUrl: written.html_url });
  ctx.log.info({ issue: existing.number, health: health.level }, "dashboard refreshed");
  return { issue: existing.number, created: false, updated: true };
}
