import type { Context, Probot } from "probot";
import type { WorkQueue } from "../../work/index.js";
import { type RepoContext, repoContextOf } from "../repo-context.js";
import { evaluateMerge } from "./evaluate-merge.js";
import { configOf } from "../config-of.js";

async function runMerge(ctx: RepoContext, pullNumber: number, login: string): Promise<void> {
  const loaded = await configOf(ctx);
  if (!loaded.ok) return;
  await evaluateMerge({ ...ctx, config: loaded.config }, pullNumber, login);
}

/**
 * The merge policy is evaluated again whenever something it reads may have changed: a check run
 * or suite completed on a PR's head, a review was submitted, a label changed, the PR was pushed
 * to or marked ready. Each evaluation reads everything again from GitHub.
 */
export function registerMerge(app: Probot, work: WorkQueue, login: () => Promise<string>): void {
  const enqueue = (context: Context<"pull_request" | "pull_request_review" | "check_run" | "check_suite">, pullNumber: number): void => {
    const ctx = repoContextOf(context);
    void work.enqueue(`${ctx.owner}/${ctx.repo}`, async () => runMerge(ctx, pullNumber, await login()), { dedupeKey: `merge#${pullNumber}` });
  };
  app.on(["pull_request.ready_for_review", "pull_request.synchronize", "pull_request.labeled", "pull_request.unlabeled"], async (context) => {
    enqueue(context, context.payload.pull_request.number);
  });
  app.on("pull_request_review.submitted", async (context) => enqueue(context, context.payload.pull_request.number));
  app.on("check_run.completed", async (context) => {
    for (const pull of context.payload.check_run.pull_requests) enqueue(context, pull.number);
  });
  // CI that reports commit statuses: the pull requests whose head is one of the branches at that commit
  app.on("status", async (context) => {
    const { state, branches } = context.payload;
    if (state === "pending") return;
    const ctx = repoContextOf(context);
    for (const branch of branches) {
      void work.enqueue(`${ctx.owner}/${ctx.repo}`, async () => {
        const { data } = await ctx.octokit.rest.pulls.list({ owner: ctx.owner, repo: ctx.repo, head: `${ctx.owner}:${branch.name}`, state: "open", per_page: 5 });
        const me = await login();
        for (const pull of data) await runMerge(ctx, pull.number, me);
      });
    }
  });
  app.on("check_suite.completed", async (context) => {
    for (const pull of context.payload.check_suite.pull_requests) enqueue(context, pull.number);
  });
}
