import { decideRunFollowUp, isOwnAgentRun } from "../../core/agent-runs/index.js";
import { listEntries } from "../../core/queue/index.js";
import { configOf } from "../config-of.js";
import type { ConfiguredContext, RepoContext } from "../repo-context.js";
import { readQueue } from "../task-state.js";
import { agentRunOf } from "./record-agent-run.js";
import { reportFailedRun } from "./report-failed-run.js";
import { retryPolicyOf } from "./run-policy.js";

/**
 * A `workflow_run` completed: when it is the agent's run Autopilot dispatched for an in-progress
 * task (the run the queue recorded, read again from GitHub: the webhook is a hint), a failure is
 * reported and re-run or handed to the owner as `dispatch.retries` says. Any other run (another
 * workflow, someone else's dispatch, a run named like the agent's) is ignored.
 */
export async function followAgentRun(ctx: RepoContext, runId: number): Promise<void> {
  const loaded = await configOf(ctx);
  if (loaded.ok) await followConfiguredRun({ ...ctx, config: loaded.config }, runId);
}

/** `followAgentRun` under a configuration already read. */
export async function followConfiguredRun(ctx: ConfiguredContext, runId: number): Promise<void> {
  const { config } = ctx;
  const dispatch = config.dispatch;
  if (dispatch.target !== "workflow_dispatch") return;
  const entry = listEntries(await readQueue(ctx, config)).find((item) => agentRunOf(item)?.id === runId);
  const recorded = agentRunOf(entry);
  if (!entry || !recorded) {
    ctx.log.info({ run: runId }, "workflow run: not an agent run Autopilot dispatched; ignored");
    return;
  }
  const login = await ctx.services.login();
  const run = await ctx.github.getWorkflowRun(runId);
  if (!isOwnAgentRun(run, { recordedId: recorded.id, workflow: dispatch.workflow, appLogin: login })) {
    ctx.log.warn(
      { run: runId, task: entry.id, path: run.path, event: run.event },
      "workflow run: not the agent's; ignored",
    );
    return;
  }
  // once the task moved on (review, done, an owner's hold) its run no longer decides anything
  if (entry.status !== "in_progress") return;
  const decision = decideRunFollowUp(run, recorded, retryPolicyOf(dispatch), ctx.services.now());
  if (decision.kind === "none") {
    ctx.log.info({ run: runId, task: entry.id, why: decision.why }, "agent run: nothing to do");
    return;
  }
  await reportFailedRun(ctx, { entry, run, decision, login });
}
