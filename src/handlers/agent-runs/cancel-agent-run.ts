import type { QueueEntry } from "../../core/queue/index.js";
import { statusOf } from "../../github/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import { agentRunOf } from "./record-agent-run.js";

/**
 * A stopped task's coding agent stops too: the workflow run Autopilot dispatched for it, when the
 * queue does not record it ended, is cancelled (GitHub ends it `cancelled`; its follow-up then
 * finds the task no longer in progress and does nothing). A run that ended meanwhile (409), that
 * GitHub no longer has (404) or that the installation may not cancel (403) is logged and left: the
 * stop itself, already recorded, never depends on it.
 */
export async function cancelAgentRun(ctx: ConfiguredContext, entry: QueueEntry): Promise<void> {
  if (ctx.config.dispatch.target !== "workflow_dispatch") return;
  const run = agentRunOf(entry);
  if (!run || run.conclusion !== null) return;
  try {
    await ctx.github.cancelWorkflowRun(run.id);
    ctx.log.info({ task: entry.id, run: run.id }, "agent run cancelled: the task stopped");
  } catch (error) {
    const status = statusOf(error);
    if (status !== 409 && status !== 404 && status !== 403) throw error;
    ctx.log.info({ task: entry.id, run: run.id, status }, "agent run not cancelled: GitHub refused");
  }
}
