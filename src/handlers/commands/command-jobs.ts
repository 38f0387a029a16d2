import type { Context } from "probot";
import { appSlugOf } from "../../core/own-check-run.js";
import { permissionOf } from "../authority.js";
import { configOf } from "../config-of.js";
import { dispatchIssue } from "../dispatch/dispatch-issue.js";
import { runDispatch } from "../dispatch/dispatch-jobs.js";
import { gatedPullOf, runPullGates } from "../gates/run-pull-gates.js";
import { repoContextOf, type AppServices } from "../repo-context.js";
import { runReview } from "../review/review-jobs.js";
import { reevaluateOpenTaskPulls } from "../scheduling/merge-evaluations.js";
import { queueJob } from "../scheduling/queue-job.js";
import { runCommands } from "./run-commands.js";

/** Slash commands in issue and PR comments (a person's, never an app's), run in the repository's lane. */
export function startCommands(context: Context<"issue_comment.created">, services: AppServices): void {
  const { comment, issue } = context.payload;
  if (!comment.user || comment.user.type === "Bot" || !/^\s*\//m.test(comment.body)) return;
  const ctx = repoContextOf(context, services);
  const author = { login: comment.user.login, type: comment.user.type ?? "User" };
  const portsFor = services.reviewPorts;
  queueJob(ctx, async () => {
    const loaded = await configOf(ctx);
    if (!loaded.ok) return;
    const configured = { ...ctx, config: loaded.config };
    const me = await services.login();
    await runCommands(
      configured,
      {
        id: comment.id,
        body: comment.body,
        author,
        thread: { number: issue.number, isPull: issue.pull_request !== undefined && issue.pull_request !== null },
      },
      await permissionOf(ctx, author.login),
      {
        dispatch: (issueNumber, options) => runDispatch(ctx, issueNumber, me, undefined, options),
        review: (pullNumber) =>
          runReview(ctx, pullNumber, { explicit: true, byOwner: author.login }, portsFor, appSlugOf(me)),
        // the answer approved the body it left, as a label approves the body it was put on
        redispatch: async (issueNumber, approvedBody) =>
          configured.config.paused
            ? undefined
            : dispatchIssue(
                configured,
                issueNumber,
                { login: me },
                { respecBy: author.login, labelledBody: approvedBody },
              ),
        askPort: () => portsFor(configured.config).manager,
        actor: me,
        resumed: async () => void (await reevaluateOpenTaskPulls(ctx)),
        regate: async (pullNumber) => {
          const pull = await ctx.github.getPull(pullNumber);
          await runPullGates(configured, gatedPullOf(pull));
        },
      },
    );
  });
}
