import type { Context, Probot } from "probot";
import { isGateName } from "../../core/check-names.js";
import type { WorkQueue } from "../../work/index.js";
import { reportConfigError } from "../config-error.js";
import { guardStateBranch } from "../state-guard.js";
import { configOf } from "../config-of.js";
import { repoContextOf } from "../repo-context.js";
import { pushedBranch, runPushSecrets, type PushedRef } from "./push-secrets.js";
import { alreadyJudgedBy, readGateInputs } from "./read-gate-inputs.js";
import { gatedPullOf, runPullGates, type GatedPull } from "./run-pull-gates.js";

const zeroSha = /^0+$/;

/**
 * GitHub sends three deliveries for one push to a pull request's branch (`push`,
 * `pull_request.synchronize`, `check_suite.requested`); exactly one of them runs the gates:
 * the pull request events judge pull requests (forks included), and `check_suite.requested`
 * judges a push to a branch without one (its `pull_requests` is then empty; GitHub leaves it
 * empty, with `head_branch` null, for a fork's branch too, which the pull request events cover).
 * A re-run request always runs them again; a head whose gates all completed is otherwise skipped.
 */
export function registerGates(app: Probot, work: WorkQueue, login: () => Promise<string>): void {
  const enqueuePull = (context: Context<"pull_request" | "check_suite" | "check_run">, pull: GatedPull, force: boolean): void => {
    const ctx = repoContextOf(context);
    void work.enqueue(
      `${ctx.owner}/${ctx.repo}`,
      async () => {
        // only the app's own gate runs say the head was judged: another app can create runs of the same names
        const read = await readGateInputs(ctx, pull);
        if (!read.ok) return reportConfigError(ctx, read.errors);
        if (!force && alreadyJudgedBy(read.inputs)) return;
        await runPullGates({ ...ctx, config: read.config }, pull, read.inputs);
      },
      { dedupeKey: `gates:${pull.headSha}:${force}` },
    );
  };

  app.on(["pull_request.opened", "pull_request.synchronize", "pull_request.reopened", "pull_request.ready_for_review"], async (context) => {
    enqueuePull(context, gatedPullOf(context.payload.pull_request), false);
  });
  app.on("check_suite.rerequested", async (context) => {
    for (const pull of context.payload.check_suite.pull_requests) enqueuePull(context, gatedPullOf(pull), true);
  });
  app.on("check_run.rerequested", async (context) => {
    if (!isGateName(context.payload.check_run.name)) return;
    if (context.payload.check_run.app?.id !== (await repoContextOf(context).github.ownAppId())) return;
    for (const pull of context.payload.check_run.pull_requests) enqueuePull(context, gatedPullOf(pull), true);
  });
  app.on("check_suite.requested", async (context) => {
    const suite = context.payload.check_suite;
    if (suite.pull_requests.length > 0 || suite.head_branch === null) return;
    const created = suite.before === null || zeroSha.test(suite.before);
    const push: PushedRef = { ref: `refs/heads/${suite.head_branch}`, before: suite.before ?? "0".repeat(40), after: suite.head_sha, created, deleted: false, pusher: context.payload.sender?.login ?? "" };
    const ctx = repoContextOf(context);
    void work.enqueue(
      `${ctx.owner}/${ctx.repo}`,
      async () => {
        // the app's own commits (queue, task files) are its output, judged where they land
        if (context.payload.sender?.login === (await login())) return;
        if (pushedBranch(push, ctx.defaultBranch) === undefined) return;
        const loaded = await configOf(ctx);
        if (!loaded.ok) return reportConfigError(ctx, loaded.errors);
        const configured = { ...ctx, config: loaded.config };
        if (suite.head_branch === loaded.config.state_branch && loaded.config.state_branch !== ctx.defaultBranch) {
          const sender = context.payload.sender;
          await guardStateBranch(configured, { before: push.before, after: push.after, sender: { login: sender?.login ?? "", type: sender?.type } });
        }
        await runPushSecrets(configured, push);
      },
      { dedupeKey: `push:${push.after}` },
    );
  });
}
