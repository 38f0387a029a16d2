import { renderDispatchTemplate, type Config, type DispatchTemplateVariable } from "../../config/index.js";
import { disarmCode } from "../../core/markdown/index.js";
import { inlineText } from "../../core/markdown-text.js";
import type { RepoContext } from "../repo-context.js";

export interface AgentTask {
  taskId: string;
  issue: number;
  title: string;
  branch: string;
  pr: number;
  taskFile: string;
  risk: string;
}

/** What a start did, for the log, and the workflow run GitHub named for a dispatch. */
export interface AgentStart {
  said: string;
  run?: { id: number; url: string };
}

/**
 * Starts the coding agent as the configuration says: a `workflow_dispatch` of the agent's
 * workflow (from the default branch unless `ref` is set, so a task branch cannot change what runs
 * for it) with the templated inputs, or a comment in the draft PR mentioning the agent with its
 * brief (sticky, so it is never posted twice), or nothing. Returns what was done, for the log.
 */
export async function startAgent(ctx: RepoContext, config: Config, task: AgentTask): Promise<AgentStart> {
  const values: Record<DispatchTemplateVariable, string> = {
    task_id: task.taskId,
    issue: String(task.issue),
    title: task.title,
    branch: task.branch,
    pr: String(task.pr),
    task_file: task.taskFile,
    risk: task.risk,
  };
  const dispatch = config.dispatch;
  if (dispatch.target === "workflow_dispatch") {
    const inputs = Object.fromEntries(
      Object.entries(dispatch.inputs ?? {}).map(([name, template]) => [name, renderDispatchTemplate(template, values)]),
    );
    const run = await ctx.github.dispatchWorkflow(dispatch.workflow, dispatch.ref ?? ctx.defaultBranch, inputs);
    return { said: `workflow ${dispatch.workflow} dispatched`, ...(run ? { run } : {}) };
  }
  if (dispatch.target === "mention") {
    const body = [
      `${dispatch.handle} please work on **${task.taskId}: ${inlineText(task.title, 200)}** on this branch (${disarmCode(task.branch)}).`,
      `The brief and the spec are in \`${task.taskFile}\`. Follow **How to deliver** there and in the PR description: push to this branch with a token that starts CI (a GitHub App token, not the Actions \`GITHUB_TOKEN\`), end every commit message with \`Task: ${task.taskId}\` and \`Refs:\` trailers, touch nothing outside the scope, and mark this PR ready for review when done (the review starts only then).`,
    ].join("\n\n");
    await ctx.github.upsertSticky({ issueNumber: task.pr, key: "agent-brief", body });
    return { said: `${dispatch.handle} mentioned in #${task.pr}` };
  }
  return { said: "no agent configured (dispatch.target: none)" };
}
