import type { Context } from "probot";
import { repoContextOf, type AppServices } from "../repo-context.js";
import { dedupeKeys, queueJob } from "../scheduling/queue-job.js";
import { followAgentRun } from "./follow-agent-run.js";

/**
 * `workflow_run.completed`: a run a `workflow_dispatch` started is followed, in a job; runs started
 * by anything else (a push, a pull request) cannot be the agent's and are dropped here.
 */
export function startAgentRunFollow(context: Context<"workflow_run.completed">, services: AppServices): void {
  const run = context.payload.workflow_run;
  if (run.event !== "workflow_dispatch") return;
  const ctx = repoContextOf(context, services);
  queueJob(ctx, () => followAgentRun(ctx, run.id), dedupeKeys.agentRun(run.id, run.run_attempt));
}
