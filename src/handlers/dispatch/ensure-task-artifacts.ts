import type { DispatchPlan } from "../../core/dispatch/index.js";
import { commitWithCas, isAlreadyExists, isNotFound } from "../../github/index.js";
import type { RepoContext } from "../repo-context.js";

type StartPlan = Extract<DispatchPlan, { kind: "start" }>;

export interface TaskPullRequest {
  number: number;
  nodeId: string;
  labels: string[];
}

/** The task branch, created from the default branch's head when it does not exist yet. */
async function ensureBranch(ctx: RepoContext, branch: string): Promise<void> {
  const { octokit, owner, repo } = ctx;
  try {
    await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` });
    return;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const { data: base } = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${ctx.defaultBranch}` });
  try {
    await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: base.object.sha });
  } catch (error) {
    // another worker (or a redelivery) created it a moment ago: the branch is there, as wanted
    if (!isAlreadyExists(error)) throw error;
  }
}

/** The open (or merged) PR from the task branch, or a new draft one. */
async function ensurePullRequest(ctx: RepoContext, plan: StartPlan): Promise<TaskPullRequest> {
  const { octokit, owner, repo } = ctx;
  const { data: existing } = await octokit.rest.pulls.list({ owner, repo, head: `${owner}:${plan.branch}`, state: "all", per_page: 10 });
  const found = existing.find((pull) => pull.state === "open") ?? existing.find((pull) => pull.merged_at !== null);
  if (found) return { number: found.number, nodeId: found.node_id, labels: found.labels.map((label) => label.name) };
  const { data: created } = await octokit.rest.pulls.create({
    owner,
    repo,
    head: plan.branch,
    base: ctx.defaultBranch,
    title: plan.pullRequest.title,
    body: plan.pullRequest.body,
    draft: true,
  });
  return { number: created.number, nodeId: created.node_id, labels: [] };
}

/**
 * What a started task has on GitHub: its branch, its task file committed on it, and its draft
 * PR. Each step looks before it writes, so running this again (a redelivery, a restart after a
 * crash between two steps) finishes what is missing and duplicates nothing.
 */
export async function ensureTaskArtifacts(ctx: RepoContext, plan: StartPlan): Promise<TaskPullRequest> {
  await ensureBranch(ctx, plan.branch);
  await commitWithCas(ctx.octokit, {
    owner: ctx.owner,
    repo: ctx.repo,
    branch: plan.branch,
    message: `autopilot: ${plan.taskId} task file\n\nTask: ${plan.taskId}\n`,
    update: async (read) => ((await read(plan.taskFilePath)) === plan.taskFile ? null : { [plan.taskFilePath]: plan.taskFile }),
  });
  return ensurePullRequest(ctx, plan);
}
