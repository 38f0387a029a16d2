import type { Context, Probot } from "probot";
import { callPolicyOf, createLlmPort } from "../../llm/index.js";
import type { WorkQueue } from "../../work/index.js";
import { type RepoContext, repoContextOf } from "../repo-context.js";
import { isGateName } from "../../core/check-names.js";
import { appSlugOf } from "../../core/own-check-run.js";
import { reviewPull, type PortsFor, type ReviewTrigger } from "./review-pull.js";
import { configOf } from "../config-of.js";
import { isForkPull } from "../../core/queue/index.js";

/** The ports from the environment's API keys (`ANTHROPIC_API_KEY`, `OPENAI_API_KEY`) and base URLs. */
export const portsFromEnvironment: PortsFor = (config) => {
  const policy = callPolicyOf(config.review);
  const assistantManager = createLlmPort(config.review.assistant_manager, policy);
  const manager = createLlmPort(config.review.manager, policy);
  return { ...(assistantManager ? { assistantManager } : {}), ...(manager ? { manager } : {}) };
};

/** Reads the configuration and the pull request as GitHub has them now, then reviews. */
export async function runReview(ctx: RepoContext, pullNumber: number, trigger: ReviewTrigger & { label?: string }, portsFor: PortsFor, appSlug: string): Promise<void> {
  const loaded = await configOf(ctx);
  if (!loaded.ok) return;
  if (trigger.label !== undefined && trigger.label.toLowerCase() !== loaded.config.labels.review.toLowerCase()) return;
  const pull = await ctx.github.getPull(pullNumber);
  if (pull.state !== "open") return;
  const outcome = await reviewPull(
    { ...ctx, config: loaded.config },
    { number: pull.number, headSha: pull.head.sha, headRef: pull.head.ref, baseRef: pull.base.ref, title: pull.title, body: pull.body, draft: pull.draft ?? false, fromFork: isForkPull(pull) },
    trigger,
    portsFor,
    appSlug,
  );
  if (!outcome.reviewed) ctx.log.info({ pr: pullNumber, reason: outcome.reason }, "review: not run");
}

/**
 * The review runs when a task PR is marked ready, when its gates complete green on a ready PR,
 * when the review label is put on it, and on `/review` (through the commands).
 */
export function registerReview(app: Probot, work: WorkQueue, login: () => Promise<string>, portsFor: PortsFor = portsFromEnvironment): void {
  const enqueue = (context: Context<"pull_request" | "check_run">, pullNumber: number, trigger: ReviewTrigger & { label?: string; sender?: string }): void => {
    const ctx = repoContextOf(context);
    void work.enqueue(
      `${ctx.owner}/${ctx.repo}`,
      async () => {
        // the app's own labels are its mirror of the queue, never a request (checked in the job: it may ask GitHub who the app is)
        const me = await login();
        if (trigger.sender !== undefined && trigger.sender === me) return;
        await runReview(ctx, pullNumber, trigger, portsFor, appSlugOf(me));
      },
      { dedupeKey: `review#${pullNumber}:${trigger.explicit}` },
    );
  };
  app.on("pull_request.ready_for_review", async (context) => enqueue(context, context.payload.pull_request.number, { explicit: false }));
  app.on("pull_request.labeled", async (context) => {
    // whether it is the review label is read from the configuration, in the job
    const label = context.payload.label?.name;
    if (label === undefined) return;
    enqueue(context, context.payload.pull_request.number, { explicit: true, label, sender: context.payload.sender.login });
  });
  app.on("check_run.completed", async (context) => {
    const run = context.payload.check_run;
    if (!isGateName(run.name) || run.conclusion !== "success") return;
    // another app's run of a gate's name is not a gate: it starts nothing
    if (run.app?.id !== (await repoContextOf(context).github.ownAppId())) return;
    for (const pull of run.pull_requests) enqueue(context, pull.number, { explicit: false });
  });
}
