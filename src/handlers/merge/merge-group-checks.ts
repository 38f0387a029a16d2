import type { Context } from "probot";
import { gateNames, reviewCheckName, SECRETS_GATE_NAME } from "../../core/check-names.js";
import type { GateResult } from "../../core/gate-result.js";
import { listEntries, mergeQueueStanding } from "../../core/queue/index.js";
import { isNotFound, type CheckRun } from "../../github/index.js";
import { configOf } from "../config-of.js";
import { repoContextOf, type AppServices, type ConfiguredContext } from "../repo-context.js";
import { queueJob } from "../scheduling/queue-job.js";
import { readQueue } from "../task-state.js";

/** A merge group as GitHub names it: the last PR of the group, at its head, on top of `base`. */
export interface MergeGroupRef {
  base: string;
  pr: number;
  prHead: string;
  /** the branch GitHub built the group on, without `refs/heads/` */
  branch: string;
}

/** GitHub's merge group branch: `refs/heads/gh-readonly-queue/<base>/pr-<number>-<head sha>`. */
export function parseMergeGroupRef(headRef: string): MergeGroupRef | undefined {
  const match = /^refs\/heads\/(gh-readonly-queue\/(.+)\/pr-([1-9]\d*)-([0-9a-f]{40}))$/.exec(headRef);
  if (!match) return undefined;
  const [, branch, base, pr, prHead] = match as unknown as [string, string, string, string, string];
  return { base, pr: Number(pr), prHead, branch };
}

/** The newest completed run of each name, of the app's own runs. */
const newestCompleted = (runs: readonly CheckRun[], names: readonly string[]): CheckRun[] =>
  names.flatMap((name) => {
    const run = runs.find((item) => item.name === name);
    return run && run.status === "completed" ? [run] : [];
  });

const carried = (run: CheckRun, group: MergeGroupRef): GateResult => ({
  name: run.name,
  conclusion: run.conclusion === "success" ? "success" : run.conclusion === "neutral" ? "neutral" : "failure",
  title: `As on #${group.pr} at ${group.prHead.slice(0, 7)}`,
  summary: [
    `The merge group adds exactly #${group.pr}'s change at \`${group.prHead.slice(0, 7)}\` on top of \`${group.base}\` (or the group ahead of it),`,
    `so ${run.name} reports here what it concluded on that head.`,
  ].join(" "),
  annotations: [],
});

/**
 * The app's checks on a merge group's head, so a base whose merge queue requires `autopilot/*`
 * checks can merge (GitHub waits for them on the group's commit, not the PR's). What is posted is
 * what the app concluded on the PR's head, carried over, since the group adds exactly that change:
 * every gate and the review for a task PR whose head the app itself put in the queue (recorded in
 * the queue file at that very sha); for any other PR (a person enqueued it, a non-task PR) only what
 * the app posts on a non-task PR, the secrets gate, when it ran. Nothing is taken from the payload
 * on trust: the group's branch must be GitHub's own `gh-readonly-queue/…` branch, at the payload's
 * head, and the PR must still be queued at that head (both read from GitHub); only the app's own
 * runs on the PR head are read (by app id), so another app's runs count for nothing.
 */
export async function postMergeGroupChecks(
  ctx: ConfiguredContext,
  group: MergeGroupRef,
  groupHead: string,
  repositoryId: string,
): Promise<GateResult[]> {
  const { github, config } = ctx;
  const branchHead = await github.branchSha(group.branch).catch((error: unknown) => {
    if (isNotFound(error)) return undefined;
    throw error;
  });
  if (branchHead !== groupHead) {
    ctx.log.info(
      { pr: group.pr, branch: group.branch },
      "merge group: not GitHub's group at that head; nothing posted",
    );
    return [];
  }
  const queued = await github.mergeQueueEntry(group.pr);
  if (!queued) {
    ctx.log.info({ pr: group.pr }, "merge group: the PR is not queued at that head; nothing posted");
    return [];
  }
  const entry = listEntries(await readQueue(ctx, config)).find((item) => item.pr === group.pr);
  const appsOwn =
    entry !== undefined &&
    entry.status !== "done" &&
    entry.merge_queue?.base === group.base &&
    mergeQueueStanding(entry, group.prHead) === "enqueued";
  const names = appsOwn ? [...gateNames, reviewCheckName] : [SECRETS_GATE_NAME];
  const appId = await github.ownAppId();
  if (appId === undefined) return [];
  const runs = newestCompleted(await github.listCheckRuns(group.prHead, { appId }), names);
  if (runs.length === 0) return [];
  const results = runs.map((run) => carried(run, group));
  await github.completeCheckRuns({ repositoryId, headSha: groupHead, runs: results.map((result) => ({ result })) });
  ctx.log.info(
    { pr: group.pr, groupHead, task: appsOwn ? entry?.id : undefined, checks: results.map((result) => result.name) },
    "merge group: the app's checks posted",
  );
  return results;
}

/** `merge_group.checks_requested`: the app's checks on the group's head (see `postMergeGroupChecks`). */
export function startMergeGroupChecks(context: Context<"merge_group.checks_requested">, services: AppServices): void {
  const { merge_group: group, repository } = context.payload;
  const parsed = parseMergeGroupRef(group.head_ref);
  const repositoryId = repository?.node_id;
  if (!parsed || !repositoryId) return;
  const ctx = repoContextOf(context, services);
  queueJob(
    ctx,
    async () => {
      const loaded = await configOf(ctx);
      if (!loaded.ok) return;
      await postMergeGroupChecks({ ...ctx, config: loaded.config }, parsed, group.head_sha, repositoryId);
    },
    `merge-group:${group.head_sha}`,
  );
}
