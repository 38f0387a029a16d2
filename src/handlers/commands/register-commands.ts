import { appSlugOf } from "../../core/own-check-run.js";
import type { Probot } from "probot";
import type { WorkQueue } from "../../work/index.js";
import { runDispatch } from "../dispatch/register-dispatch.js";
import { dispatchIssue } from "../dispatch/dispatch-issue.js";
import { repoContextOf } from "../repo-context.js";
import { gatedPullOf, runPullGates } from "../gates/run-pull-gates.js";
import { portsFromEnvironment, runReview } from "../review/register-review.js";
import type { PortsFor } from "../review/review-pull.js";
import { reevaluateOpenTaskPulls } from "../merge/register-merge.js";
import { runCommands } from "./run-commands.js";
import { configOf } from "../config-of.js";
import { permissionOf } from "../authority.js";

/** Slash commands in issue and PR comments, run in the repository's work queue like every other job. */
export function registerCommands(app: Probot, work: WorkQueue, login: () => Promise<string>, portsFor?: PortsFor): void {
  app.on("issue_comment.created", async (context) => {
    const { comment, issue } = context.payload;
    if (!comment.user || comment.user.type === "Bot" || !/^\s*\//m.test(comment.body)) return;
    const ctx = repoContextOf(context);
    const author = { login: comment.user.login, type: comment.user.type ?? "User" };
    void work.enqueue(`${ctx.owner}/${ctx.repo}`, async () => {
      const loaded = await configOf(ctx);
      if (!loaded.ok) return;
      const configured = { ...ctx, config: loaded.config };
      const me = await login();
      await runCommands(
        configured,
        { id: comment.id, body: comment.body, author, thread: { number: issue.number, isPull: issue.pull_request !== undefined && issue.pull_request !== null } },
        await permissionOf(ctx, author.login),
        {
          dispatch: (issueNumber, options) => runDispatch(ctx, issueNumber, me, undefined, options),
          review: (pullNumber) => runReview(ctx, pullNumber, { explicit: true }, portsFor ?? portsFromEnvironment, appSlugOf(me)),
          redispatch: async (issueNumber) => (configured.config.paused ? undefined : dispatchIssue(configured, issueNumber, { login: me }, { respecBy: author.login })),
          askPort: () => (portsFor ?? portsFromEnvironment)(configured.config).manager,
          actor: me,
          resumed: async () => void (await reevaluateOpenTaskPulls(ctx, work, login)),
          regate: async (pullNumber) => {
            const pull = await ctx.github.getPull(pullNumber);
            await runPullGates(configured, gatedPullOf(pull));
          },
        },
      );
    });
  });
}
