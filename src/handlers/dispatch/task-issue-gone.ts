import type { Context } from "probot";
import { disarmInline } from "../../core/markdown/index.js";
import { isNotFound, statusOf } from "../../github/index.js";
import { cancelAgentRun } from "../agent-runs/cancel-agent-run.js";
import { configOf } from "../config-of.js";
import { moveTask } from "../move-task.js";
import { repoContextOf, type AppServices, type ConfiguredContext } from "../repo-context.js";
import { queueJob } from "../scheduling/queue-job.js";
import { findTask, readQueue } from "../task-state.js";

/** How a task's history words a stop because its issue left the repository. */
export const issueGoneReason = "its issue left the repository";

/** Where GitHub says the issue is now: moved to another repository, or gone (deleted, or moved where the app cannot see). */
type Whereabouts = { kind: "here" } | { kind: "moved"; url: string } | { kind: "gone"; deleted: boolean };

/**
 * GitHub's answer for the issue decides, never the payload (a redelivery, a forged event): still
 * this repository's issue `number`, answered from another repository (the 301 of a transferred
 * issue, followed), or refused (410 for a deleted one; 404 when it moved where the app's
 * installation cannot read).
 */
async function whereabouts(ctx: ConfiguredContext, number: number): Promise<Whereabouts> {
  try {
    const issue = await ctx.github.getIssue(number);
    const here = `/repos/${ctx.owner}/${ctx.repo}`.toLowerCase();
    const sameRepository = issue.repository_url === undefined || issue.repository_url.toLowerCase().endsWith(here);
    return issue.number === number && sameRepository ? { kind: "here" } : { kind: "moved", url: issue.html_url };
  } catch (error) {
    if (statusOf(error) === 410) return { kind: "gone", deleted: true };
    if (isNotFound(error)) return { kind: "gone", deleted: false };
    throw error;
  }
}

/**
 * A task's issue transferred to another repository or deleted: the owner's loop on it (questions,
 * answers, commands) is gone, so the task stops, `blocked`, whoever did it (a transfer needs write
 * access to both repositories, a deletion admin): its scope lock is released, the agent's run
 * cancelled, and its PR, when it has one, says why (it will not merge). A task done or blocked
 * already is left as it is.
 */
export async function stopTaskOfGoneIssue(
  ctx: ConfiguredContext,
  number: number,
  sender: string,
  login: string,
): Promise<void> {
  const entry = findTask(await readQueue(ctx, ctx.config), { issue: number });
  if (!entry || entry.status === "done" || entry.status === "blocked") return;
  const where = await whereabouts(ctx, number);
  if (where.kind === "here") return;
  const how =
    where.kind === "moved" ? `was transferred to ${where.url}` : where.deleted ? "was deleted" : "is gone from it";
  await moveTask(ctx, entry, {
    to: "blocked",
    actor: sender,
    reason: `${issueGoneReason}: #${number} ${how} (@${sender})`,
    issueGone: true,
  });
  await cancelAgentRun(ctx, entry);
  if (entry.pr === null) return;
  const body = `Autopilot stopped ${entry.id}: its issue #${number} ${how} (by @${disarmInline(sender, 60)}), so the task has no thread for its owner's questions and commands any more. It will not merge, and its scope is free for other tasks. To go on with the work, open an issue here with its spec and label it; close this pull request.`;
  await ctx.github.upsertSticky({ issueNumber: entry.pr, key: "task-stopped", author: login, body });
}

type GoneEvent = "issues.transferred" | "issues.deleted";

/** `issues.transferred`, `issues.deleted`: the job asks GitHub where the issue is and stops its task if it left. */
export function startTaskIssueGone(context: Context<GoneEvent>, services: AppServices): void {
  const { payload } = context;
  const ctx = repoContextOf(context, services);
  const number = payload.issue.number;
  queueJob(
    ctx,
    async () => {
      const loaded = await configOf(ctx);
      if (loaded.ok)
        await stopTaskOfGoneIssue(
          { ...ctx, config: loaded.config },
          number,
          payload.sender.login,
          await services.login(),
        );
    },
    `task-gone#issue${number}`,
  );
}
