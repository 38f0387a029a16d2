import { sameDashboard } from "../../core/progress/index.js";
import type { RepoContext } from "../repo-context.js";
import { findDashboards, rememberDashboard } from "./find-dashboard.js";
import type { RefreshedDashboard } from "./refreshed-dashboard.js";

const dashboardTitle = "Autopilot dashboard";

/**
 * Pins the issue so it sits above the issue list. GitHub has no REST endpoint for it, only the
 * GraphQL mutation `pinIssue`, and it refuses when three issues are pinned already or the
 * token may not pin: the dashboard works unpinned, so a refusal is logged and nothing more.
 */
async function pinDashboard(ctx: RepoContext, nodeId: string): Promise<void> {
  try {
    await ctx.github.pinIssue(nodeId);
  } catch (error) {
    ctx.log.warn(
      { err: error instanceof Error ? error.message : String(error) },
      "dashboard: could not pin the issue; it stays unpinned",
    );
  }
}

/**
 * Opens the dashboard issue, then looks again: two refreshes that raced (two replicas) may each
 * have opened one. Every replica keeps the oldest and closes the others, so they converge on
 * one dashboard whichever finishes first.
 */
export async function createDashboard(ctx: RepoContext, login: string, body: string): Promise<RefreshedDashboard> {
  const { github } = ctx;
  const created = await github.createIssue({ title: dashboardTitle, body });
  const [kept, ...extra] = await findDashboards(ctx, login);
  for (const duplicate of extra) {
    await github.updateIssue(duplicate.number, { state: "closed", state_reason: "not_planned" });
  }
  if (kept === undefined || kept.number === created.number) {
    // the whole issue as written: the next refresh edits it without reading it first (an edit of
    // an issue closed or deleted since answers so, and the refresh looks for the dashboard again)
    rememberDashboard(ctx, { number: created.number, nodeId: created.node_id, body, htmlUrl: created.html_url });
    await pinDashboard(ctx, created.node_id);
    ctx.log.info({ issue: created.number }, "dashboard opened");
    return { issue: created.number, created: true, updated: false };
  }
  const updated = !sameDashboard(kept.body, body);
  if (updated) await github.updateIssue(kept.number, { body });
  rememberDashboard(ctx, { ...kept, body: updated ? body : kept.body });
  return { issue: kept.number, created: false, updated };
}
