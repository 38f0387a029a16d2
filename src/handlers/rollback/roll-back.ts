import { changeAccounts } from "../../core/merge/index.js";
import { listEntries } from "../../core/queue/index.js";
import { decideRollback, recordRollback, type CiFailure } from "../../core/rollback/index.js";
import { configOf } from "../config-of.js";
import { commitQueueChange } from "../queue-commit.js";
import type { ConfiguredContext, RepoContext } from "../repo-context.js";
import { readQueue } from "../task-state.js";
import { carryOutRollback } from "./carry-out-rollback.js";

/**
 * A required check failed on a commit of the default branch: when Autopilot merged a task as that
 * commit, the task is rolled back (see `decideRollback`). The rollback is recorded in the queue
 * first, in a claim commit; only the writer whose commit recorded it opens the revert, so
 * redelivered events, a second failing check and a second replica open none.
 */
export async function rollBack(ctx: RepoContext, failure: CiFailure): Promise<void> {
  const loaded = await configOf(ctx);
  if (!loaded.ok) return;
  const { config } = loaded;
  const required = (check: string | { name: string }) => (typeof check === "string" ? check : check.name);
  if (!config.merge.required_checks.some((check) => required(check) === failure.name)) return;
  if (config.paused) return void ctx.log.info({ sha: failure.sha }, "rollback: paused, not rolled back");
  const configured: ConfiguredContext = { ...ctx, config };
  const queue = await readQueue(ctx, config);
  const entry = listEntries(queue).find((item) => item.merge_sha === failure.sha);
  const pull = entry?.pr ? await ctx.github.getPull(entry.pr) : undefined;
  const login = await ctx.services.login();
  const commits = pull ? await ctx.github.listPullCommits(pull.number) : [];
  const handle = config.dispatch.target === "mention" ? config.dispatch.handle.replace(/^@/, "") : undefined;
  const decision = decideRollback({
    failure,
    requiredChecks: config.merge.required_checks,
    enabled: config.merge.rollback,
    entry,
    pull: pull && {
      number: pull.number,
      merged: pull.merged,
      mergeCommitSha: pull.merge_commit_sha,
      mergedBy: pull.merged_by?.login ?? null,
      headSha: pull.head.sha,
    },
    appLogin: login,
    ownAccounts: changeAccounts({
      botLogin: login,
      pullAuthor: pull?.user.login ?? "",
      commitAccounts: commits.flatMap((commit) => [commit.author?.login, commit.committer?.login]),
      agentAccounts: config.agent_accounts,
      dispatchHandle: handle,
    }),
    at: new Date().toISOString(),
  });
  ctx.log.info({ sha: failure.sha, check: failure.name, decision: decision.action, ...decision }, "rollback: decided");
  if (decision.action !== "revert" || !pull) return;
  const { entry: moved, changed } = await commitQueueChange(configured, config, {
    taskId: decision.taskId,
    claim: true,
    note: `rolled back: ${failure.name} failed on ${failure.sha.slice(0, 7)}`,
    apply: (doc) =>
      recordRollback(doc, { taskId: decision.taskId, record: decision.record, actor: login, delivery: ctx.delivery }),
  });
  // another delivery or replica recorded this rollback first: it opens the revert
  if (!changed) return;
  await carryOutRollback(configured, moved, pull.node_id);
}
