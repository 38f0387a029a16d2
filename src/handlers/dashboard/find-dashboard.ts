import { isDashboardBody } from "../../core/progress/index.js";
import { isNotFound, statusOf } from "../../github/index.js";
import type { RepoContext } from "../repo-context.js";

export interface DashboardIssue {
  number: number;
  nodeId: string;
  body: string;
  htmlUrl: string;
}

const keyOf = (ctx: RepoContext): string => `${ctx.owner}/${ctx.repo}`;

/**
 * The dashboard as the app instance last read or wrote it, so a refresh reads one issue instead
 * of listing them all, or none when the instance wrote the body itself.
 */
export const rememberDashboard = (ctx: RepoContext, dashboard: { number: number } & Partial<DashboardIssue>): void =>
  void ctx.services.dashboards.set(keyOf(ctx), dashboard);

/** Forgets the dashboard: GitHub said it is gone, closed or no longer the app's. */
export const forgetDashboard = (ctx: RepoContext): void => void ctx.services.dashboards.delete(keyOf(ctx));

/** The dashboard as this instance wrote it last, when it knows the whole issue. */
export function writtenDashboard(ctx: RepoContext): DashboardIssue | undefined {
  const known = ctx.services.dashboards.get(keyOf(ctx));
  if (known?.body === undefined || known.htmlUrl === undefined || known.nodeId === undefined) return undefined;
  return { number: known.number, nodeId: known.nodeId, body: known.body, htmlUrl: known.htmlUrl };
}

interface IssueLike {
  number: number;
  node_id: string;
  body?: string | null;
  html_url: string;
  state: string;
  user: { login: string } | null;
  pull_request?: unknown;
}

/** Only the app's own open issue with the marker counts: anyone can paste the marker into an issue. */
const isDashboard = (issue: IssueLike, login: string): boolean =>
  issue.state === "open" && !issue.pull_request && issue.user?.login === login && isDashboardBody(issue.body);

const dashboardOf = (issue: IssueLike): DashboardIssue => ({
  number: issue.number,
  nodeId: issue.node_id,
  body: issue.body ?? "",
  htmlUrl: issue.html_url,
});

/** Every open dashboard issue the app created, oldest first (more than one only after a race). */
export async function findDashboards(ctx: RepoContext, login: string): Promise<DashboardIssue[]> {
  const issues = await ctx.github.listOpenIssues({ creator: login, sort: "created", direction: "asc" });
  return issues
    .filter((issue) => isDashboard(issue, login))
    .map(dashboardOf)
    .sort((a, b) => a.number - b.number);
}

/** The dashboard issue: the one remembered if it is still open and still the dashboard, else the oldest found. */
export async function findDashboard(ctx: RepoContext, login: string): Promise<DashboardIssue | undefined> {
  const number = ctx.services.dashboards.get(keyOf(ctx))?.number;
  if (number !== undefined) {
    try {
      const data = await ctx.github.getIssue(number);
      if (isDashboard(data, login)) return dashboardOf(data);
    } catch (error) {
      if (!isNotFound(error) && statusOf(error) !== 410) throw error; // 410: the issue was deleted
    }
    forgetDashboard(ctx);
  }
  const [found] = await findDashboards(ctx, login);
  if (found) rememberDashboard(ctx, { number: found.number });
  return found;
}
