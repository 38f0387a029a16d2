import type { CheckSummary } from "../../core/commands/index.js";
import { isOwnRun } from "../../core/own-check-run.js";
import type { RepoContext } from "../repo-context.js";

/**
 * The latest check runs on a task PR's head commit, as `/status` and `/ask` show them; none without
 * a PR. An `autopilot/*` run is shown only when the app itself (`appSlug`) made it: another app's
 * run of that name is not Autopilot's judgement and would only mislead.
 */
export async function headChecks(ctx: RepoContext, pr: number | null, appSlug: string): Promise<CheckSummary[]> {
  if (pr === null) return [];
  const pull = await ctx.github.getPull(pr);
  const runs = await ctx.github.listCheckRuns(pull.head.sha, { limit: 100 });
  return runs
    .filter((run) => !run.name.startsWith("autopilot/") || isOwnRun(run, appSlug))
    .map((run) => ({
      name: run.name,
      conclusion: run.conclusion ?? null,
      title: run.output.title ?? undefined,
      url: run.html_url ?? undefined,
    }));
}
