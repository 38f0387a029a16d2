import type { Context } from "probot";
import { isZeroSha } from "../core/zero-sha.js";
import { configOf } from "./config-of.js";
import { repoContextOf, type AppServices } from "./repo-context.js";
import { queueJob } from "./scheduling/queue-job.js";
import { restoreDeletedStateBranch } from "./state-guard.js";

/**
 * A `push` that deleted a branch: when it is the state branch (and not the default branch), the
 * job puts it back and pauses Autopilot unless an owner deleted it (`restoreDeletedStateBranch`).
 * A deletion makes no check suite, so this is the only event that tells of it.
 */
export function startStateBranchDeleted(context: Context<"push">, services: AppServices): void {
  const { payload } = context;
  if (!payload.deleted || !payload.ref.startsWith("refs/heads/") || isZeroSha(payload.before)) return;
  const branch = payload.ref.slice("refs/heads/".length);
  const sender = { login: payload.sender?.login ?? "", type: payload.sender?.type };
  const ctx = repoContextOf(context, services);
  queueJob(
    ctx,
    async () => {
      if (sender.login === (await services.login())) return;
      const loaded = await configOf(ctx);
      if (!loaded.ok || branch !== loaded.config.state_branch || branch === ctx.defaultBranch) return;
      await restoreDeletedStateBranch(
        { ...ctx, config: loaded.config },
        { before: payload.before, after: payload.after, sender },
      );
    },
    `state-branch-deleted#${payload.before}`,
  );
}
