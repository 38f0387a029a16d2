import type { Context } from "probot";
import { isZeroSha } from "../core/zero-sha.js";
import { configOf } from "./config-of.js";
import { repoContextOf, type AppServices } from "./repo-context.js";
import { queueJob } from "./scheduling/queue-job.js";
import { guardStateBranch, restoreDeletedStateBranch } from "./state-guard.js";

/**
 * A `push` to the state branch by anyone but the app: a deletion is put back and pauses Autopilot
 * (`restoreDeletedStateBranch`), any other push pauses it (`guardStateBranch`), unless an owner
 * made it. The push event is the one GitHub sends for every ref update: a check suite comes once
 * per commit SHA (none when the branch is moved to a commit pushed elsewhere first), none for a
 * deletion, and lists the pull requests of the branch, so it cannot be what guards the branch.
 * A push to another branch costs nothing once the instance knows the repository's state branch.
 */
export function startStateBranchPush(context: Context<"push">, services: AppServices): void {
  const { payload } = context;
  if (!payload.ref.startsWith("refs/heads/") || (payload.deleted && isZeroSha(payload.before))) return;
  const branch = payload.ref.slice("refs/heads/".length);
  const sender = { login: payload.sender?.login ?? "", type: payload.sender?.type };
  const ctx = repoContextOf(context, services);
  if (branch === ctx.defaultBranch) return;
  const known = services.stateBranches.get(`${ctx.owner}/${ctx.repo}`);
  if (known !== undefined && known !== branch) return;
  const push = { before: payload.before, after: payload.after, sender };
  queueJob(
    ctx,
    async () => {
      if (sender.login === (await services.login())) return;
      const loaded = await configOf(ctx);
      if (!loaded.ok || branch !== loaded.config.state_branch) return;
      const configured = { ...ctx, config: loaded.config };
      if (payload.deleted) await restoreDeletedStateBranch(configured, push);
      else await guardStateBranch(configured, push);
    },
    payload.deleted ? `state-branch-deleted#${payload.before}` : `state-branch-pushed#${payload.after}`,
  );
}
