import type { Probot } from "probot";
import { probotAppPort, type SkippedInstallation } from "../github/index.js";
import { sweepAgentRuns } from "./agent-runs/sweep-agent-runs.js";
import { gatedPullOf, runPullGates } from "./gates/run-pull-gates.js";
import type { AppServices, ConfiguredContext, RepoContext } from "./repo-context.js";
import { evaluateMerge } from "./merge/evaluate-merge.js";
import { configOf } from "./config-of.js";
import { refreshDashboard, sweepStaleTasks } from "./dashboard/index.js";
import { dispatchHeld } from "./readiness/dispatch-held.js";
import { findTask, readQueue } from "./task-state.js";
import { dedupeKeys, laneOf } from "./scheduling/queue-job.js";
import { SECRETS_GATE_NAME } from "../core/check-names.js";
import { appSlugOf, isOwnRun } from "../core/own-check-run.js";

interface SweptPull {
  number: number;
  draft?: boolean;
  head: { ref: string };
}

/**
 * Whether this head was judged: every PR the gates judge gets the secret gate from the app itself
 * (one REST call, before the sweep reads anything else for it); another app's run of that name is not a judgement.
 */
async function alreadyJudged(ctx: RepoContext, headSha: string, appSlug: string): Promise<boolean> {
  const runs = await ctx.github.listCheckRuns(headSha, { limit: 100 });
  return runs.some((run) => run.name === SECRETS_GATE_NAME && run.status === "completed" && isOwnRun(run, appSlug));
}

/**
 * The merge of every ready task PR whose task is `in_progress` or `review`, evaluated again: GitHub
 * sends no event once it has computed a PR's mergeability, and a delivery can be lost, so no PR
 * waits forever for an event that never comes. One PR's failure does not stop the others.
 */
async function sweepMerges(ctx: ConfiguredContext, pulls: readonly SweptPull[], login: string): Promise<void> {
  const queue = await readQueue(ctx, ctx.config);
  for (const pull of pulls) {
    if (pull.draft === true || !pull.head.ref.startsWith(ctx.config.branch_prefix)) continue;
    const entry = findTask(queue, { pr: pull.number });
    if (entry?.status !== "in_progress" && entry?.status !== "review") continue;
    try {
      const outcome = await evaluateMerge(ctx, pull.number, login);
      ctx.log.info({ pr: pull.number, task: entry.id, outcome: outcome.action }, "sweep: merge evaluated");
    } catch (err) {
      ctx.log.error({ err, pr: pull.number }, "sweep: merge evaluation failed; the next sweep tries again");
    }
  }
}

/**
 * One repository: agent runs due a re-run are re-run, stale agent runs and stale tasks are handed
 * to the owner, every open issue with the trigger label is dispatched again (tasks not started yet
 * wait while dispatch is held: paused, a readiness row failing, or red health), every open task PR
 * is judged if its head was not, the merge of every ready task PR
 * is evaluated again, and the dashboard is refreshed.
 */
async function sweepRepository(ctx: RepoContext, login: string, now: Date): Promise<void> {
  const loaded = await configOf(ctx);
  if (!loaded.ok) return; // reported when an event next touches the repository
  const configured = { ...ctx, config: loaded.config };
  const { github, config } = configured;
  await sweepAgentRuns(configured, login, now);
  await sweepStaleTasks(configured, login, now);
  const { facts } = await dispatchHeld(configured, login, { reconcileStarted: true });
  const pulls = await github.listOpenPulls();
  for (const pull of pulls) {
    if (!pull.head.ref.startsWith(config.branch_prefix) || (await alreadyJudged(ctx, pull.head.sha, appSlugOf(login))))
      continue;
    await runPullGates(configured, gatedPullOf(pull));
  }
  await sweepMerges(configured, pulls, login);
  await refreshDashboard(configured, { login, health: facts.health, readiness: facts.readiness, now, verify: true });
}

/**
 * Webhooks are hints; this is the safety net. For every installation and repository, it queues
 * a reconcile of the open autopilot issues and task PRs, so work cut off by a crash or a lost
 * delivery is finished. Each step looks before it writes, so sweeping a settled repository
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
