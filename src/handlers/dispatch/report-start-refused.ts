import type { Config } from "../../config/index.js";
import { classifyStartFailure, startRefusedComment, type StartOutcome } from "../../core/dispatch/index.js";
import { messageOf, statusOf } from "../../github/index.js";
import type { RepoContext } from "../repo-context.js";

/** The sticky key of the refused-start comment, on the PR and on the issue. */
export const startRefusedKey = "agent-start-refused";

/** How to treat a failed start (see `classifyStartFailure`), from Octokit's error. */
export function classifyStartError(ctx: RepoContext, config: Config, error: unknown): StartOutcome {
  const { dispatch } = config;
  if (dispatch.target !== "workflow_dispatch") {
    // a mention is a comment: only a 5xx leaves its outcome unknown, anything else is retried
    const status = statusOf(error);
    return status === undefined || status >= 500 ? { kind: "unknown" } : { kind: "retry" };
  }
  const response = (error as { response?: { headers?: Record<string, string | number | undefined> } } | null)?.response;
  return classifyStartFailure(
    { status: statusOf(error), message: messageOf(error), headers: response?.headers ?? {} },
    { workflow: dispatch.workflow, ref: dispatch.ref ?? ctx.defaultBranch, inputs: Object.keys(dispatch.inputs ?? {}) },
  );
}

/**
 * Says once, on the PR and on the issue, that GitHub refused the agent's start and what to change.
 * Sticky: a redelivery or a second refusal edits the comment rather than adding one.
 */
export async function reportStartRefused(
  ctx: RepoContext,
  task: { taskId: string; issue: number; pr: number },
  refusal: Extract<StartOutcome, { kind: "refused" }>,
  author?: string,
): Promise<void> {
  const body = startRefusedComment({ taskId: task.taskId, status: refusal.status, fix: refusal.fix });
  for (const issueNumber of [task.pr, task.issue]) {
    const target = { owner: ctx.owner, repo: ctx.repo, issueNumber, key: startRefusedKey };
    await ctx.github.upsertSticky({ ...target, body, ...(author !== undefined ? { author } : {}) });
  }
}
