import type { DispatchPlan } from "../../core/dispatch/index.js";
import {
  GraphqlRefusal,
  headMoved,
  isAlreadyExists,
  isNotFound,
  type PartAnswer,
  pullAlreadyExists,
  refAlreadyExists,
  statusOf,
} from "../../github/index.js";
import type { RepoContext } from "../repo-context.js";

type StartPlan = Extract<DispatchPlan, { kind: "start" }>;

export interface TaskPullRequest {
  number: number;
  nodeId: string;
  labels: string[];
  /** opened by this call (a draft whose head is the app's task-file commit), not found */
  created?: true;
}

/**
 * The task branch, created from the default branch's head when it does not exist yet. Returns that
 * head when this call created the branch, undefined when the branch was there already. A task not
 * started before (`fresh`: the queue records no PR for it) has no branch in all likelihood: the
 * branch is created straight away, and GitHub's refusal of an existing one (422 "Reference already
 * exists": a redelivery, another replica, a start cut off before the PR was recorded) says it is
 * there, as wanted. A task started before is looked up first (a read; a refused create would be a
 * write).
 */
async function ensureBranch(ctx: RepoContext, branch: string, fresh: boolean): Promise<string | undefined> {
  const { github } = ctx;
  if (!fresh) {
    try {
      await github.branchSha(branch);
      return undefined;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  const base = await github.branchSha(ctx.defaultBranch);
  try {
    await github.createBranch(branch, base);
    return base;
  } catch (error) {
    // another worker (or a redelivery) created it a moment ago: the branch is there, as wanted
    if (!isAlreadyExists(error)) throw error;
    return undefined;
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

/**
 * The task's PR. A task started before is looked up first (its PR may be open, or merged); a fresh
 * one is opened straight away, and GitHub's refusal of a second open PR for the branch (a
 * redelivery, another replica) is answered by looking the open one up.
 */
async function ensurePullRequest(ctx: RepoContext, plan: StartPlan, fresh: boolean): Promise<TaskPullRequest> {
  const found = fresh ? undefined : await findPullRequest(ctx, plan.branch);
  if (found) return found;
  try {
    const created = await ctx.github.createPull({
      head: plan.branch,
      base: ctx.defaultBranch,
      title: plan.pullRequest.title,
      body: plan.pullRequest.body,
      draft: true,
    });
    return { number: created.number, nodeId: created.node_id, labels: [], created: true };
  } catch (error) {
    // another replica opened it a moment ago: that one is the task's PR
    const opened = isDuplicatePull(error) ? await findPullRequest(ctx, plan.branch) : undefined;
    if (!opened) throw error;
    return opened;
  }
}

const taskFileMessage = (plan: StartPlan): string => `autopilot: ${plan.taskId} task file\n\nTask: ${plan.taskId}\n`;

/**
 * The task file committed on the branch (`unread`: the branch was created by this call at the
 * default branch's head, so its first attempt writes without reading: whatever the default branch
 * holds at that path is not this task's copy of its spec; if another writer moved the branch since,
 * the file is read there). An existing task file is only rewritten for a spec change someone with
 * authority made (`rewrite`).
 */
async function commitTaskFile(ctx: RepoContext, plan: StartPlan, rewrite: boolean, unread: boolean) {
  let first = unread;
  return ctx.github.commitFiles({
    branch: plan.branch,
    message: taskFileMessage(plan),
    update: async (read) => {
      if (first) {
        first = false;
        return { [plan.taskFilePath]: plan.taskFile };
      }
      const current = await read(plan.taskFilePath);
      const keep = current === plan.taskFile || (current !== undefined && !rewrite);
      return keep ? null : { [plan.taskFilePath]: plan.taskFile };
    },
  });
}

/** A part of the start GitHub refused for a reason the start does not finish itself: thrown as it answered. */
function refusal(mutation: string, answer: PartAnswer<unknown>): GraphqlRefusal {
  return new GraphqlRefusal(mutation, answer.ok ? undefined : answer.type, answer.ok ? "" : answer.message);
}

/**
 * A task's first start in one request (`startTaskBranch`: branch, task-file commit, draft PR), then
 * whatever GitHub refused finished as a start always did. GitHub runs the three one after another
 * and a refusal does not stop the next, so each part's answer says what is there: a branch that
 * exists (a redelivery, a start cut off, another replica a moment earlier) is kept; a commit
 * refused because the branch is not at the default branch's head any more (another writer's task
 * file) is made again after reading the file there, which writes nothing when the file is the
 * plan's; a second open PR is refused and the open one looked up. Two replicas racing end with one
 * branch, one task-file commit (the loser's commit finds the winner's file) and one PR (GitHub
 * keeps one open PR per head and base). Undefined when the instance cannot send it (the
 * repository's node id unknown): the caller starts the task through REST.
 */
async function startInOneRequest(
  ctx: RepoContext,
  plan: StartPlan,
  rewrite: boolean,
): Promise<TaskPullRequest | undefined> {
  const { github } = ctx;
  const base = await github.branchSha(ctx.defaultBranch);
  const started = await github.startTaskBranch({
    branch: plan.branch,
    base,
    baseBranch: ctx.defaultBranch,
    message: taskFileMessage(plan),
    files: { [plan.taskFilePath]: plan.taskFile },
    pull: { title: plan.pullRequest.title, body: plan.pullRequest.body },
  });
  if (started === undefined) return undefined;
  const { branch, commit, pull } = started;
  if (!branch.ok && !refAlreadyExists(branch)) throw refusal("createRef", branch);
  if (commit.ok) {
    // the commit holds the task file alone on top of the default branch's head (see run-pull-gates)
    ctx.services.knownCommits.markTaskFileCommit(`${ctx.owner}/${ctx.repo}`, commit.value.sha);
  } else if (headMoved(commit)) {
    await commitTaskFile(ctx, plan, rewrite, false);
  } else {
    throw refusal("createCommitOnBranch", commit);
  }
  if (pull.ok) return { number: pull.value.number, nodeId: pull.value.node_id, labels: [], created: true };
  const found = pullAlreadyExists(pull) ? await findPullRequest(ctx, plan.branch) : undefined;
  if (found) return found;
  // refused for another reason (no commits yet between the branch and the default branch, when the
  // branch was at its head): opened now that the task file is there, GitHub's refusal the look-up
  return ensurePullRequest(ctx, plan, true);
}

/**
 * What a started task has on GitHub: its branch, its task file committed on it, and its draft
 * PR (`rewrite`: an existing task file is replaced by the plan's; otherwise it is only created when
 * missing). `fresh`: the queue records no PR for the task yet, so the branch, the task file and the
 * PR are created without looking first, in one request when the instance can send it, GitHub's
 * refusal of a duplicate standing for the look. Running this again (a redelivery, a restart after
 * a crash between two steps, another replica at the same moment) finishes what is missing and
 * duplicates nothing.
 */
export async function ensureTaskArtifacts(
  ctx: RepoContext,
  plan: StartPlan,
  options: { rewrite: boolean; fresh: boolean },
): Promise<TaskPullRequest> {
  if (options.fresh) {
    const started = await startInOneRequest(ctx, plan, options.rewrite);
    if (started !== undefined) return started;
  }
  const createdFrom = await ensureBranch(ctx, plan.branch, options.fresh);
  const committed = await commitTaskFile(ctx, plan, options.rewrite, createdFrom !== undefined);
  // the commit holds the task file alone on top of the default branch's head (see run-pull-gates)
  if (createdFrom !== undefined && committed.sha !== undefined && committed.attempts === 1)
    ctx.services.knownCommits.markTaskFileCommit(`${ctx.owner}/${ctx.repo}`, committed.sha);
  return ensurePullRequest(ctx, plan, options.fresh);
}
