import type { Context } from "probot";
import { normalizeLogin } from "../../core/merge/index.js";
import { disarmInline } from "../../core/markdown/index.js";
import { statusBeforeBlock, type QueueEntry } from "../../core/queue/index.js";
import { cancelAgentRun } from "../agent-runs/cancel-agent-run.js";
import { senderAuthority } from "../authority.js";
import { configOf } from "../config-of.js";
import { moveTask } from "../move-task.js";
import { repoContextOf, type AppServices, type ConfiguredContext } from "../repo-context.js";
import { queueJob } from "../scheduling/queue-job.js";
import { findTask, readQueue } from "../task-state.js";

/** How a task's history words a stop by a closed thread: a reopening by someone with authority lifts only these. */
export const stoppedReasons = {
  pull: "its pull request was closed unmerged",
  issue: "its issue was closed",
} as const;

/** The sticky comment saying a task stopped or resumed, on its issue (and its PR for a closed issue). */
const stickyKey = "task-stopped";

type Thread = { issue: number } | { pr: number };
type Sender = { login: string; type?: string | undefined };

const mention = (login: string): string => `@${disarmInline(login, 60)}`;

async function say(ctx: ConfiguredContext, numbers: readonly number[], body: string, login: string): Promise<void> {
  for (const issueNumber of numbers)
    await ctx.github.upsertSticky({ issueNumber, key: stickyKey, author: login, body });
}

/**
 * A task PR closed unmerged (by anyone: a closed PR cannot merge), or a task's issue closed by
 * someone with authority: the task moves to `blocked`, its scope lock released, the agent's
 * workflow run cancelled when one still runs, and its issue says why and what resumes it. A task issue closed by someone without authority (its read-only
 * author, say) stops nothing: the task carries on, and the issue says so. What GitHub says now
 * decides, never the payload: an open (or merged) PR, an open issue, stops nothing.
 */
export async function stopClosedTask(ctx: ConfiguredContext, thread: Thread, login: string): Promise<void> {
  const entry = findTask(await readQueue(ctx, ctx.config), thread);
  if (!entry || (entry.status !== "in_progress" && entry.status !== "review")) return;
  const where = entry.pr === null ? [entry.issue] : [entry.issue, entry.pr];
  if ("pr" in thread) {
    const pull = await ctx.github.getPull(thread.pr);
    if (pull.state !== "closed" || pull.merged === true) return;
    await moveTask(ctx, entry, { to: "blocked", actor: login, reason: `${stoppedReasons.pull} (#${thread.pr})` });
    await cancelAgentRun(ctx, entry);
    const body = `Autopilot stopped ${entry.id}: its pull request #${thread.pr} was closed without being merged. It will not merge, and its scope is free for other tasks. An owner reopening #${thread.pr} resumes it (the gates and the review look at it again); if the task is abandoned, close this issue.`;
    await say(ctx, [entry.issue], body, login);
    return;
  }
  const issue = await ctx.github.getIssue(thread.issue);
  const closer = issue.closed_by;
  if (issue.state !== "closed" || !closer || normalizeLogin(closer.login) === normalizeLogin(login)) return;
  // GitHub closes the issue itself when the task PR, which says `Closes #<issue>`, merges into the
  // default branch, as whoever merged it (a person, the merge queue), and in no set order with the
  // PR's own `closed`: a merged task stops nothing, the merge's evaluation finishes it
  if (entry.pr !== null && (await ctx.github.getPull(entry.pr)).merged === true) return;
  const authority = await senderAuthority(ctx, ctx.config, closer);
  if (!authority.allowed) {
    if (authority.bot) return;
    const body = `${mention(closer.login)} closed this issue, which does not stop ${entry.id}: only ${authority.who} can. It carries on; \`/block <why>\` from one of them stops it.`;
    await say(ctx, [entry.issue], body, login);
    return;
  }
  await moveTask(ctx, entry, {
    to: "blocked",
    actor: closer.login,
    reason: `${stoppedReasons.issue} by @${closer.login}`,
  });
  await cancelAgentRun(ctx, entry);
  const merge = entry.pr === null ? "" : `It will not merge #${entry.pr}. `;
  const body = `Autopilot stopped ${entry.id}: ${mention(closer.login)} closed #${entry.issue}. ${merge}Its scope is free for other tasks; an owner reopening #${entry.issue} resumes it.`;
  await say(ctx, where, body, login);
}

const stoppedByClosing = (entry: QueueEntry): boolean => {
  const last = entry.history.at(-1);
  return (
    entry.status === "blocked" &&
    last?.to === "blocked" &&
    (last.reason.startsWith(stoppedReasons.pull) || last.reason.startsWith(stoppedReasons.issue))
  );
};

/**
 * A task stopped by closing its PR or issue resumes (to where it was) when someone with authority
 * reopens one and both are open again, as GitHub has them now; a reopening by anyone else (the
 * agent, the issue's read-only author) resumes nothing and is answered once.
 */
export async function resumeReopenedTask(
  ctx: ConfiguredContext,
  thread: Thread,
  sender: Sender,
  login: string,
): Promise<void> {
  const entry = findTask(await readQueue(ctx, ctx.config), thread);
  if (!entry || !stoppedByClosing(entry) || normalizeLogin(sender.login) === normalizeLogin(login)) return;
  const authority = await senderAuthority(ctx, ctx.config, sender);
  const number = "pr" in thread ? thread.pr : thread.issue;
  if (!authority.allowed) {
    if (authority.bot) return;
    const body = `${mention(sender.login)} reopened #${number}, which does not resume ${entry.id}: only ${authority.who} can. It stays stopped.`;
    await say(ctx, [entry.issue], body, login);
    return;
  }
  if ((await ctx.github.getIssue(entry.issue)).state !== "open") return;
  if (entry.pr !== null && (await ctx.github.getPull(entry.pr)).state !== "open") return;
  const to = statusBeforeBlock(entry);
  await moveTask(ctx, entry, { to, actor: sender.login, reason: `resumed: #${number} reopened by @${sender.login}` });
  const body = `${entry.id} resumed: ${mention(sender.login)} reopened #${number}.`;
  await say(ctx, entry.pr === null ? [entry.issue] : [entry.issue, entry.pr], body, login);
}

type ClosedEvent = "pull_request.closed" | "issues.closed";
type ReopenedEvent = "pull_request.reopened" | "issues.reopened";

function threadOf(payload: Context<ClosedEvent | ReopenedEvent>["payload"]): Thread {
  return "pull_request" in payload ? { pr: payload.pull_request.number } : { issue: payload.issue.number };
}

const keyOf = (kind: string, thread: Thread): string =>
  `${kind}#${"pr" in thread ? `pr${thread.pr}` : `issue${thread.issue}`}`;

/** `pull_request.closed` unmerged, `issues.closed`: the job reads the thread and the queue, and stops the task if it must. */
export function startTaskClosed(context: Context<ClosedEvent>, services: AppServices): void {
  const { payload } = context;
  // a merge is the merge evaluation's to finish
  if ("pull_request" in payload && payload.pull_request.merged) return;
  const ctx = repoContextOf(context, services);
  const thread = threadOf(payload);
  queueJob(
    ctx,
    async () => {
      const loaded = await configOf(ctx);
      if (loaded.ok) await stopClosedTask({ ...ctx, config: loaded.config }, thread, await services.login());
    },
    keyOf("task-closed", thread),
  );
}

/** `pull_request.reopened`, `issues.reopened`: a task stopped by a closing resumes when its reopener may resume it. */
export function startTaskReopened(context: Context<ReopenedEvent>, services: AppServices): void {
  const { payload } = context;
  const ctx = repoContextOf(context, services);
  const thread = threadOf(payload);
  const sender = { login: payload.sender.login, type: payload.sender.type };
  queueJob(ctx, async () => {
    const loaded = await configOf(ctx);
    if (loaded.ok) await resumeReopenedTask({ ...ctx, config: loaded.config }, thread, sender, await services.login());
  });
}
