import type { DispatchPlan } from "../../core/dispatch/index.js";
import { isAlreadyExists, isNotFound, statusOf } from "../../github/index.js";
import type { RepoContext } from "../repo-context.js";

type StartPlan = Extract<DispatchPlan, { kind: "start" }>;

export interface TaskPullRequest {
  number: number;
  nodeId: string;
  labels: string[];
}

/** The task branch, created from the default branch's head when it does not exist yet. */
async function ensureBranch(ctx: RepoContext, branch: string): Promise<void> {
  const { github } = ctx;
  try {
    await github.branchSha(branch);
    return;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const base = await github.branchSha(ctx.defaultBranch);
  try {
    await github.createBranch(branch, base);
  } catch (error) {
    // another worker (or a redelivery) created it a moment ago: the branch is there, as wanted
    if (!isAlreadyExists(error)) throw error;
  }
}

/** The open (or merged) PR from the task branch, or a new draft one. */
async function findPullRequest(ctx: RepoContext, branch: string): Promise<TaskPullRequest | undefined> {
  const existing = await ctx.github.listPullsFrom(`${ctx.owner}:${branch}`, { state: "all", limit: 10 });
  const found = existing.find((pull) => pull.state === "open") ?? existing.find((pull) => pull.merged_at !== null);
  return found && { number: found.number, nodeId: found.node_id, labels: found.labels.map((label) => label.name) };
}

/** GitHub's answer to a second open PR for one head: 422 "A pull request already exists for owner:branch." */
const isDuplicatePull = (error: unknown): boolean => {
  const data = (error as { response?: { data?: unknown } }).response?.data ?? "";
  return statusOf(error) === 422 && /a pull request already exists/i.test(JSON.stringify(data));
};

async function ensurePullRequest(ctx: RepoContext, plan: StartPlan): Promise<TaskPullRequest> {
  const found = await findPullRequest(ctx, plan.branch);
  if (found) return found;
  try {
    const created = await ctx.github.createPull({
      head: plan.branch,
      base: ctx.defaultBranch,
      title: plan.pullRequest.title,
      body: plan.pullRequest.body,
      draft: true,
    });
    return { number: created.number, nodeId: created.node_id, labels: [] };
  } catch (error) {
    // another replica opened it a moment ago: that one is the task's PR
    const opened = isDuplicatePull(error) ? await findPullRequest(ctx, plan.branch) : undefined;
    if (!opened) throw error;
    return opened;
  }
}

/**
 * What a started task has on GitHub: its branch, its task file committed on it, and its draft
 * PR (`rewrite`: an existing task file is replaced by the plan's; otherwise it is only created when
 * missing). Each step looks before it writes, so running this again (a redelivery, a restart after
 * a crash between two steps, another replica at the same moment) finishes what is missing and
 * duplicates nothing.
 */
export async function ensureTaskArtifacts(
  ctx: RepoContext,
  plan: StartPlan,
  options: { rewrite: boolean },
): Promise<TaskPullRequest> {
  await ensureBranch(ctx, plan.branch);
  await ctx.github.commitFiles({
    branch: plan.branch,
    message: `autopilot: ${plan.taskId} task file\n\nTask: ${plan.taskId}\n`,
    update: async (read) => {
      const current = await read(plan.taskFilePath);
      // an existing task file is only rewritten for a spec change someone with authority made
      const keep = current === plan.taskFile || (current !== undefined && !options.rewrite);
      return keep ? null : { [plan.taskFilePath]: plan.taskFile };
    },
  });
  return ensurePullRequest(ctx, plan);
}
