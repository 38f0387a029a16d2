import type { Context } from "probot";
import { isZeroSha } from "../../core/zero-sha.js";
import { isGateName } from "../../core/check-names.js";
import { reportConfigError } from "../config-error.js";
import { configOf } from "../config-of.js";
import { repoContextOf, type AppServices } from "../repo-context.js";
import { dedupeKeys, queueJob } from "../scheduling/queue-job.js";
import { pushedBranch, runPushSecrets, type PushedRef } from "./push-secrets.js";
import { dropForeignRecordsPush } from "../merge/records-only.js";
import { judgeOwnRecordsCommit } from "./own-records-commit.js";
import { alreadyJudgedBy, readGateInputs } from "./read-gate-inputs.js";
import { gatedPullOf, runPullGates, type GatedPull } from "./run-pull-gates.js";

/**
 * The gates of one pull request's head, in a job. A re-run request (`force`) always runs them
 * again; a head whose gates all completed is otherwise skipped.
 */
function queuePullGates(
  context: Context<"pull_request" | "check_suite" | "check_run">,
  services: AppServices,
  pull: GatedPull,
  force: boolean,
): void {
  const ctx = repoContextOf(context, services);
  const repository = `${ctx.owner}/${ctx.repo}`;
  queueJob(
    ctx,
    async () => {
      // every gate this instance completed on the head is still there: no read to learn it again
      if (!force && services.knownCommits.isJudged(repository, pull.headSha)) return;
      // the app's own records commit on a head it judged clean: judged by what it wrote, no read
      const repositoryId = (context.payload.repository as { node_id?: string }).node_id;
      if (!force && (await judgeOwnRecordsCommit(ctx, pull, repositoryId))) return;
      // only the app's own gate runs say the head was judged: another app can create runs of the same names
      const read = await readGateInputs(ctx, pull);
      if (!read.ok) return reportConfigError(ctx, read.errors);
      if (!force && alreadyJudgedBy(read.inputs)) return;
      const configured = { ...ctx, config: read.config };
      const judged = await runPullGates(configured, pull, read.inputs);
      // a writer's push to the app's records pull request is put back now, not at its next records
      // commit (which does it too, when no gate runs on pull requests without a task)
      if (judged !== undefined) await dropForeignRecordsPush(configured, pull);
    },
    dedupeKeys.gates(pull.headSha, force),
  );
}

/**
 * Whether the PR just opened is a task's draft at the commit this instance's dispatch made: the
 * task file alone on the default branch's head (`KnownCommits.isTaskFileCommit`), written from the
 * recorded spec. Its gates are not run: they could only pass (the change is the spec's own copy,
 * from the redacted text), a draft does not merge, and a missing run blocks a merge, it
 * never lets one through. The agent's first push is judged with the task file in its change, and
 * marking the draft ready (or the sweep) judges this head like any other.
 */
function isOwnTaskFileDraft(
  context: Context<
    "pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened" | "pull_request.ready_for_review"
  >,
  services: AppServices,
  pull: GatedPull,
): boolean {
  const { action, repository } = context.payload;
  return (
    action === "opened" &&
    !pull.fromFork &&
    pull.baseRef === repository.default_branch &&
    services.knownCommits.isTaskFileCommit(repository.full_name, pull.headSha)
  );
}

/** A pull request opened, pushed to, reopened or marked ready: its head is judged (forks included). */
export function startPullGates(
  context: Context<
    "pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened" | "pull_request.ready_for_review"
  >,
  services: AppServices,
): void {
  const pull = gatedPullOf(context.payload.pull_request);
  if (isOwnTaskFileDraft(context, services, pull)) return;
  queuePullGates(context, services, pull, false);
}

/** "Re-run all checks" on a suite: the gates of its pull requests run again. */
export function startSuiteRerun(context: Context<"check_suite.rerequested">, services: AppServices): void {
  const pulls = context.payload.check_suite.pull_requests;
  for (const pull of pulls) queuePullGates(context, services, gatedPullOf(pull), true);
}

/** "Re-run" on one of the app's own gate runs; another app's run of a gate's name starts nothing. */
export async function startGateRerun(context: Context<"check_run.rerequested">, services: AppServices): Promise<void> {
  if (!isGateName(context.payload.check_run.name)) return;
  if (context.payload.check_run.app?.id !== (await repoContextOf(context, services).github.ownAppId())) return;
  const pulls = context.payload.check_run.pull_requests;
  for (const pull of pulls) queuePullGates(context, services, gatedPullOf(pull), true);
}

/**
 * A push to a branch without a pull request (`check_suite.requested` with no `pull_requests`;
 * GitHub leaves it empty, with `head_branch` null, for a fork's branch too, which the pull request
 * events cover): the secret gate scans it.
 */
export function startPushJudgement(context: Context<"check_suite.requested">, services: AppServices): void {
  const suite = context.payload.check_suite;
  if (suite.pull_requests.length > 0 || suite.head_branch === null) return;
  const created = suite.before === null || isZeroSha(suite.before);
  const push: PushedRef = {
    ref: `refs/heads/${suite.head_branch}`,
    before: suite.before ?? "0".repeat(40),
    after: suite.head_sha,
    created,
    deleted: false,
    pusher: context.payload.sender?.login ?? "",
  };
  const ctx = repoContextOf(context, services);
  queueJob(
    ctx,
    async () => {
      // the app's own commits (queue, task files) are its output, judged where they land
      if (context.payload.sender?.login === (await services.login())) return;
      if (pushedBranch(push, ctx.defaultBranch) === undefined) return;
      const loaded = await configOf(ctx);
      if (!loaded.ok) return reportConfigError(ctx, loaded.errors);
      // a push to the state branch is guarded from its `push` event (`state-branch-push.ts`)
      await runPushSecrets({ ...ctx, config: loaded.config }, push);
    },
    dedupeKeys.push(push.after),
  );
}
