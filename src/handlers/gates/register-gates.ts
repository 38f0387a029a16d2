import type { Context, Probot } from "probot";
import { isGateName, SECRETS_GATE_NAME } from "../../core/check-names.js";
import type { WorkQueue } from "../../work/index.js";
import { reportConfigError } from "../config-error.js";
import { type ConfiguredContext, type RepoContext, repoContextOf } from "../repo-context.js";
import { hasOpenPull, pushedBranch, runPushSecrets } from "./push-secrets.js";
import { runPullGates, type GatedPull } from "./run-pull-gates.js";
import { configOf } from "../config-of.js";

async function configured(ctx: RepoContext): Promise<ConfiguredContext | undefined> {
  const loaded = await configOf(ctx);
  if (loaded.ok) return { ...ctx, config: loaded.config };
  await reportConfigError(ctx, loaded.errors);
  return undefined;
}

/** Whether this head already has the app's completed gates: GitHub sends several events for one push. */
export async function alreadyJudged(ctx: RepoContext, headSha: string): Promise<boolean> {
  const { data } = await ctx.octokit.rest.checks.listForRef({ owner: ctx.owner, repo: ctx.repo, ref: headSha, filter: "latest", per_page: 100 });
  const done = new Set(data.check_runs.filter((run) => run.status === "completed" && isGateName(run.name)).map((run) => run.name));
  return done.has(SECRETS_GATE_NAME);
}

/**
 * Gates run on pull request pushes (opened, synchronize, reopened, ready for review), when GitHub
 * requests the app's check suite, and again on a re-run request; plain pushes get the secret gate.
 * Every trigger queues one job per head commit; a head already judged is skipped unless re-run.
 */
export function registerGates(app: Probot, work: WorkQueue, login: () => Promise<string>): void {
  const enqueuePull = (context: Context<"pull_request" | "check_suite" | "check_run">, pull: GatedPull, force: boolean): void => {
    const ctx = repoContextOf(context);
    void work.enqueue(
      `${ctx.owner}/${ctx.repo}`,
      async () => {
        if (!force && (await alreadyJudged(ctx, pull.headSha))) return;
        const withConfig = await configured(ctx);
        if (withConfig) await runPullGates(withConfig, pull);
      },
      { dedupeKey: `gates:${pull.headSha}:${force}` },
    );
  };
  type Minimal = { number: number; head: { ref: string; sha: string }; base: { ref: string } };
  const fromMinimal = (pull: Minimal): GatedPull => ({ number: pull.number, headSha: pull.head.sha, headRef: pull.head.ref, baseRef: pull.base.ref });

  app.on(["pull_request.opened", "pull_request.synchronize", "pull_request.reopened", "pull_request.ready_for_review"], async (context) => {
    enqueuePull(context, fromMinimal(context.payload.pull_request), false);
  });
  app.on(["check_suite.requested", "check_suite.rerequested"], async (context) => {
    for (const pull of context.payload.check_suite.pull_requests) {
      enqueuePull(context, fromMinimal(pull), context.payload.action === "rerequested");
    }
  });
  app.on("check_run.rerequested", async (context) => {
    if (!isGateName(context.payload.check_run.name)) return;
    for (const pull of context.payload.check_run.pull_requests) enqueuePull(context, fromMinimal(pull), true);
  });
  app.on("push", async (context) => {
    const { ref, before, after, created, deleted, pusher } = context.payload;
    const ctx = repoContextOf(context);
    void work.enqueue(
      `${ctx.owner}/${ctx.repo}`,
      async () => {
        // the app's own commits (queue, task files) are its output, judged where they land
        if (context.payload.sender?.login === (await login())) return;
        const branch = pushedBranch({ ref, before, after, created, deleted, pusher: pusher.name }, ctx.defaultBranch);
        if (branch === undefined || (await hasOpenPull(ctx, branch))) return;
        const withConfig = await configured(ctx);
        if (withConfig) await runPushSecrets(withConfig, { ref, before, after, created, deleted, pusher: pusher.name });
      },
      { dedupeKey: `push:${after}` },
    );
  });
}
