import type { Probot } from "probot";
import { probotAppPort, type SkippedInstallation } from "../github/index.js";
import { sweepAgentRuns } from "./agent-runs/sweep-agent-runs.js";
import { gatedPullOf, runPullGates } from "./gates/run-pull-gates.js";
import type { AppServices, RepoContext } from "./repo-context.js";
import { configOf } from "./config-of.js";
import { refreshDashboard, sweepStaleTasks } from "./dashboard/index.js";
import { dispatchHeld } from "./readiness/dispatch-held.js";
import { sweepTaskPulls, type SweptPull } from "./sweep-task-pulls.js";
import { dedupeKeys, laneOf } from "./scheduling/queue-job.js";
import { SECRETS_GATE_NAME } from "../core/check-names.js";
import { appSlugOf, isOwnRun } from "../core/own-check-run.js";

/**
 * The head's check runs, and whether the head was judged: every PR the gates judge gets the secret
 * gate from the app itself (one REST call, before the sweep reads anything else for it); another
 * app's run of that name is not a judgement.
 */
async function headRuns(ctx: RepoContext, headSha: string, appSlug: string) {
  const runs = await ctx.github.listCheckRuns(headSha, { limit: 100 });
  const judged = runs.some(
    (run) => run.name === SECRETS_GATE_NAME && run.status === "completed" && isOwnRun(run, appSlug),
  );
  return { runs, judged };
}

/**
 * One repository: agent runs due a re-run are re-run, stale agent runs and stale tasks are handed
 * to the owner, every open issue with the trigger label is dispatched again (tasks not started yet
 * wait while dispatch is held: paused, a readiness row failing, or red health), every open task PR
 * is judged if its head was not, a ready one whose green head was never reviewed is reviewed, the
 * merge of every ready task PR (and of every moving task whose PR closed) is evaluated again, and
 * the dashboard is refreshed.
 */
async function sweepRepository(ctx: RepoContext, login: string, now: Date): Promise<void> {
  const loaded = await configOf(ctx);
  if (!loaded.ok) return; // reported when an event next touches the repository
  const configured = { ...ctx, config: loaded.config };
  const { github, config } = configured;
  await sweepAgentRuns(configured, login, now);
  await sweepStaleTasks(configured, login, now);
  const { facts } = await dispatchHeld(configured, login, { reconcileStarted: true });
  const swept: SweptPull[] = [];
  for (const pull of await github.listOpenPulls()) {
    if (!pull.head.ref.startsWith(config.branch_prefix)) continue;
    const { runs, judged } = await headRuns(ctx, pull.head.sha, appSlugOf(login));
    // a head judged only now has no green gate runs in `runs`: its gates' own events start its review
    swept.push({ pull, runs });
    if (!judged) await runPullGates(configured, gatedPullOf(pull));
  }
  await sweepTaskPulls(configured, swept, login);
  await refreshDashboard(configured, { login, health: facts.health, readiness: facts.readiness, now, verify: true });
}

/**
 * Webhooks are hints; this is the safety net. For every installation and repository, it queues
 * a reconcile of the open autopilot issues and task PRs, and of the queue's moving tasks whose
 * PR is no longer open, so work cut off by a crash, a GitHub 5xx or a lost delivery is finished. Each step looks before it writes, so sweeping a settled repository
 * writes nothing.
 */
export async function sweepInstallations(app: Probot, services: AppServices): Promise<void> {
  const { work, login, now } = services;
  const jobs: Promise<void>[] = [];
  const skipped = ({ id, reason, error }: SkippedInstallation): void => {
    if (reason === "suspended") app.log.debug({ installation: id }, "sweep: installation suspended, left alone");
    else {
      services.metrics.error("sweep");
      app.log.error({ err: error, installation: id }, "sweep: the installation's repositories could not be listed");
    }
  };
  for await (const { github, owner, repo, defaultBranch, htmlUrl, archived } of probotAppPort(
    app,
    services,
  ).repositories(skipped)) {
    // read-only on GitHub: every write would be refused, and nothing moves there until it is
    // unarchived (then the next sweep picks its tasks up where they stood)
    if (archived) {
      app.log.debug({ repository: `${owner}/${repo}` }, "sweep: archived repository left alone");
      continue;
    }
    const ctx: RepoContext = {
      github,
      owner,
      repo,
      defaultBranch,
      ...(htmlUrl === undefined ? {} : { htmlUrl }),
      delivery: null,
      log: app.log.child({ sweep: true, repository: `${owner}/${repo}` }),
      services,
    };
    jobs.push(
      // a sweep stopped by a spent budget is not waited for: the sweep after the reset redoes it
      work.enqueue(laneOf(ctx), async () => sweepRepository(ctx, await login(), now()), {
        dedupeKey: dedupeKeys.sweep,
        runAfterDeferral: false,
      }),
    );
  }
  await Promise.all(jobs);
}
