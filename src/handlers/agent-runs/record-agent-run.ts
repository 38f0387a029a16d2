import { agentRunComment, runLink, type AgentRunRecord } from "../../core/agent-runs/index.js";
import { applyTransition, getEntry, listEntries, type QueueEntry } from "../../core/queue/index.js";
import { commitQueueChange } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";
import { readQueue } from "../task-state.js";

/** The `agent_run` of a queue line, when there is one. */
export const agentRunOf = (entry: QueueEntry | undefined): AgentRunRecord | undefined =>
  (entry as { agent_run?: AgentRunRecord | null } | undefined)?.agent_run ?? undefined;

/** The queue's record of a run changed, with a history item naming it (same status), unless nothing changed. */
export async function commitAgentRun(
  ctx: ConfiguredContext,
  input: { taskId: string; actor: string; reason: string; run: AgentRunRecord; at?: string },
): Promise<QueueEntry> {
  const { entry } = await commitQueueChange(ctx, ctx.config, {
    taskId: input.taskId,
    note: `agent run ${input.run.id}`,
    apply: (doc) => {
      const current = getEntry(doc, input.taskId);
      return applyTransition(doc, {
        taskId: input.taskId,
        to: current?.status ?? "in_progress",
        actor: input.actor,
        reason: input.reason,
        delivery: null,
        at: input.at ?? new Date().toISOString(),
        patch: { agent_run: input.run } as Partial<QueueEntry>,
        record: true,
      });
    },
  });
  return entry;
}

/**
 * GitHub names the run it created for the dispatch (`return_run_details`); a GitHub that answers
 * 204 names none, and the run is looked for: the newest run of the workflow the app itself
 * dispatched since the start, that no other task has recorded. None found: the run is not followed
 * (the stale check still watches the task).
 */
async function findRun(
  ctx: ConfiguredContext,
  task: { taskId: string; startedAt: string },
  login: string,
): Promise<{ id: number; url: string } | undefined> {
  if (ctx.config.dispatch.target !== "workflow_dispatch") return undefined;
  const runs = await ctx.github.listDispatchedRuns(ctx.config.dispatch.workflow, login);
  const claimed = new Set(
    listEntries(await readQueue(ctx, ctx.config)).flatMap((entry) => agentRunOf(entry)?.id ?? []),
  );
  const since = Date.parse(task.startedAt) - 5_000;
  const found = runs.find((run) => Date.parse(run.created_at) >= since && !claimed.has(run.id));
  return found && { id: found.id, url: found.url };
}

/**
 * After a workflow dispatch: the run goes into the task's history (`agent_run`) and onto the PR
 * (one sticky comment with its link), so its `workflow_run` events can be told from anyone else's.
 */
export async function recordDispatchedRun(
  ctx: ConfiguredContext,
  task: { taskId: string; pr: number; startedAt: string },
  named: { id: number; url: string } | undefined,
): Promise<void> {
  if (ctx.config.dispatch.target !== "workflow_dispatch") return;
  const login = await ctx.services.login();
  const run = named ?? (await findRun(ctx, task, login));
  if (!run) {
    ctx.log.warn({ task: task.taskId }, "agent: GitHub named no run for the dispatch; the run is not followed");
    return;
  }
  const record: AgentRunRecord = { id: run.id, url: run.url, attempt: 1, conclusion: null };
  await commitAgentRun(ctx, {
    taskId: task.taskId,
    actor: login,
    reason: `agent ${runLink(record)} started: ${run.url}`,
    run: record,
  });
  const body = agentRunComment(task.taskId, record, ctx.config.dispatch.workflow);
  await ctx.github.upsertSticky({ issueNumber: task.pr, key: "agent-run", author: login, body });
}
