import { sameDashboard } from "../../core/progress/index.js";
import type { LeadMutations } from "../../github/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import { noteDashboardChange } from "../scheduling/dashboard-refresher.js";
import { forgetDashboard, rememberDashboard, writtenDashboard } from "./find-dashboard.js";
import { type DashboardFacts, renderDashboardBody } from "./render-dashboard-body.js";

/** The alias of the dashboard's edit in the request that carries it. */
export const dashboardAlias = "dashboard";

export interface RideDashboardOptions extends DashboardFacts {
  /**
   * Told when GitHub took the edit and the issue is still open: the body shows what the job knows
   * now. Default: the refresh the job's own changes scheduled is called off (`DashboardSchedule.cover`).
   * A caller whose rendered queue may not be the one that lands (a carried commit's first attempt)
   * decides for itself (see `commitQueueChange`).
   */
  onCovered?: () => void;
}

/** The payload asked of `updateIssue`: enough to tell the issue is still the open dashboard. */
interface EditedIssue {
  issue?: { id: string; number: number; state: string } | null;
}

/**
 * The dashboard's edit as a mutation for a request the job sends anyway (GraphQL `updateIssue`,
 * aliased `dashboard`; the `LeadMutations` shape the label, finish and review requests carry):
 * the body rendered from what the job knows (`DashboardFacts`: the queue it committed, the review it
 * published, the head it merged), the rest read as a refresh reads it. Undefined, so nothing rides,
 * when this instance does not know the dashboard as it wrote it (a fresh instance, the first
 * task: the debounced refresh finds or opens it), when the body would not change, or when
 * rendering it failed (logged: the debounced refresh is still scheduled).
 *
 * Its answer is handled on its own, never failing the carrier's work: taken on an open issue,
 * the body is remembered as written and `onCovered` told; refused (a field error on the alias:
 * the issue deleted, a permission taken away) or answered closed (a person closed it), the
 * dashboard is forgotten and the debounced refresh scheduled, which looks for it again as today.
 */
export async function rideDashboard(
  ctx: ConfiguredContext,
  options: RideDashboardOptions,
): Promise<LeadMutations | undefined> {
  const existing = writtenDashboard(ctx);
  if (existing === undefined) return undefined;
  let body: string;
  try {
    body = (await renderDashboardBody(ctx, existing, options)).body;
  } catch (error) {
    ctx.log.warn({ err: error }, "dashboard: not rendered for the job's request; the debounced refresh writes it");
    return undefined;
  }
  if (sameDashboard(existing.body, body)) return undefined;
  const onCovered = options.onCovered ?? (() => ctx.services.dashboard.cover(ctx));
  return {
    declarations: ["$dashboardId: ID!", "$dashboardBody: String!"],
    fields: [
      `${dashboardAlias}: updateIssue(input: { id: $dashboardId, body: $dashboardBody }) { issue { id number state } }`,
    ],
    variables: { dashboardId: existing.nodeId, dashboardBody: body },
    aliases: [dashboardAlias],
    tolerated: [dashboardAlias],
    onAnswer: (data, failed) => {
      const refused = failed.find((failure) => failure.alias === dashboardAlias);
      const issue = (data?.[dashboardAlias] as EditedIssue | null | undefined)?.issue ?? undefined;
      if (refused !== undefined || issue === undefined || issue.state !== "OPEN") {
        // deleted, refused or closed since this instance wrote it: the debounced refresh looks again
        forgetDashboard(ctx);
        ctx.log.warn(
          { dashboard: existing.number, refused: refused?.message, state: issue?.state },
          "dashboard: the edit in the job's request did not stand; the debounced refresh looks for it",
        );
        noteDashboardChange(ctx);
        return;
      }
      rememberDashboard(ctx, { number: issue.number, nodeId: issue.id, body, htmlUrl: existing.htmlUrl });
      // `dashboard`, not `issue`: the line belongs to the carrier's job, whose `issue` is its task's
      ctx.log.info({ dashboard: issue.number }, "dashboard refreshed in the job's request");
      onCovered();
    },
  };
}
