import type { QueueEntry } from "../../core/queue/index.js";
import { taskFilePath } from "../../core/task/task-file-path.js";
import type { ConfiguredContext } from "../repo-context.js";
import { classifyStartError, reportStartRefused } from "./report-start-refused.js";
import { recordDispatchedRun } from "../agent-runs/record-agent-run.js";
import { startAgent, type AgentStart } from "./start-agent.js";

/** How the notice reaches the agent, as the configuration dispatches it. */
export interface AgentAddress {
  /** what happens besides the notice, for the notice and the log */
  redispatch: string;
  /** the handle the notice mentions (dispatch by mention: the notice is the dispatch) */
  mention?: string;
}

/**
 * Sends a task back to its agent on the PR, once per `key`: a new comment for the agent
 * (`render`, addressed as the configuration dispatches it) and, for a `workflow_dispatch` agent,
 * a new start with the inputs of its first dispatch. The comment is the record, posted before the
 * start, so a crash between them loses a start rather than doubling it. Resolves with the
 * redispatch words, or undefined when the notice was posted before (a redelivery).
 */
export async function noticeAgentOnce(
  ctx: ConfiguredContext,
  input: { entry: QueueEntry; pr: number; key: string; render: (address: AgentAddress) => string },
): Promise<string | undefined> {
  const { entry, pr } = input;
  const target = { owner: ctx.owner, repo: ctx.repo, issueNumber: pr, key: input.key };
  if (await ctx.github.findSticky(target)) return undefined;
  const { dispatch } = ctx.config;
  const redispatch =
    dispatch.target === "workflow_dispatch"
      ? `workflow ${dispatch.workflow} dispatched again`
      : dispatch.target === "mention"
        ? `${dispatch.handle} mentioned`
        : "no agent is configured (dispatch.target: none): whoever works on the task picks this up";
  const body = input.render({ redispatch, ...(dispatch.target === "mention" ? { mention: dispatch.handle } : {}) });
  await ctx.github.upsertSticky({ ...target, body, known: null });
  if (dispatch.target === "workflow_dispatch" && entry.branch !== null) {
    const taskFile = taskFilePath(ctx.config.task_dir, entry.id);
    const task = {
      taskId: entry.id,
      issue: entry.issue,
      title: entry.title,
      branch: entry.branch,
      pr,
      taskFile,
      risk: entry.risk,
    };
    const startedAt = new Date().toISOString();
    let started: AgentStart;
    try {
      started = await startAgent(ctx, ctx.config, task);
    } catch (error) {
      // a start GitHub refuses for good would be lost with the job (the notice is already posted): say what to fix
      const outcome = classifyStartError(ctx, ctx.config, error);
      if (outcome.kind !== "refused") throw error;
      await reportStartRefused(ctx, task, outcome);
      return `${redispatch} (refused by GitHub: see the comment on the PR)`;
    }
    // the new run is the one followed from now on (the earlier run's events no longer count)
    await recordDispatchedRun(ctx, { taskId: entry.id, pr, startedAt }, started.run).catch((err: unknown) =>
      ctx.log.error({ err, task: entry.id }, "agent: the run could not be recorded; not followed"),
    );
  }
  return redispatch;
}
