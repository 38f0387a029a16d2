import type { Context } from "probot";
import { type AppServices, type RepoContext, repoContextOf } from "../repo-context.js";
import { dedupeKeys, queueJob } from "../scheduling/queue-job.js";
import { isGateName } from "../../core/check-names.js";
import { appSlugOf } from "../../core/own-check-run.js";
import { reviewPull, type PortsFor, type ReviewTrigger } from "./review-pull.js";
import { senderAuthority } from "../authority.js";
import { configOf } from "../config-of.js";
import { isForkPull, type PullIdentity } from "../../core/queue/index.js";
import { readPullTask } from "../gates/read-task-file.js";

/** Reads the configuration and the pull request as GitHub has them now, then reviews. */
export async function runReview(
  ctx: RepoContext,
  pullNumber: number,
  trigger: ReviewTrigger & { label?: string; sender?: string; senderType?: string; identity?: PullIdentity },
  portsFor: PortsFor,
  appSlug: string,
): Promise<void> {
  const loaded = await configOf(ctx);
  if (!loaded.ok) return;
  if (trigger.label !== undefined && trigger.label.toLowerCase() !== loaded.config.labels.review.toLowerCase()) return;
  // GitHub lets triage users label any PR: the label asks for a review (past a draft, red gates and
  // `on_non_task_prs: command`) only from someone with authority; anyone else's asks nothing the app
  // would not do unasked
  if (trigger.label !== undefined && trigger.explicit && trigger.sender !== undefined) {
    const authority = await senderAuthority(ctx, loaded.config, { login: trigger.sender, type: trigger.senderType });
    if (!authority.allowed) {
      ctx.log.info({ pr: pullNumber, by: trigger.sender }, "review: the review label from someone without authority");
      return runReview(ctx, pullNumber, { explicit: false }, portsFor, appSlug);
    }
  }
  const { review } = loaded.config;
  if (trigger.identity !== undefined && !trigger.explicit && review.on_non_task_prs !== "always") {
    // a PR's number, head branch and head repository never change, so the gate run's payload
    // tells whether it is a task's: a PR that is not, and that the configuration does not
    // review unasked (the records PR, a person's PR), costs no read of the PR
    if (!review.enabled) return;
    const lookup = await readPullTask(ctx, loaded.config, trigger.identity);
    if (lookup.kind === "none") {
      ctx.log.info({ pr: pullNumber, reason: lookup.reason }, "review: not a task PR");
      return;
    }
  }
  const pull = await ctx.github.getPull(pullNumber);
  if (pull.state !== "open") return;
  const outcome = await reviewPull(
    { ...ctx, config: loaded.config },
    {
      number: pull.number,
      headSha: pull.head.sha,
      headRef: pull.head.ref,
      baseRef: pull.base.ref,
      title: pull.title,
      body: pull.body,
      draft: pull.draft ?? false,
      fromFork: isForkPull(pull),
      nodeId: pull.node_id,
      ...(pull.base.repo.node_id === undefined ? {} : { repositoryId: pull.base.repo.node_id }),
      url: `${pull.base.repo.html_url}/pull/${pull.number}`,
      ...(pull.labels === undefined ? {} : { labels: pull.labels.map((label) => label.name) }),
      ...(typeof pull.comments === "number" ? { comments: pull.comments } : {}),
    },
    trigger,
    portsFor,
    appSlug,
  );
  if (!outcome.reviewed) ctx.log.info({ pr: pullNumber, reason: outcome.reason }, "review: not run");
}

type ReviewRequest = ReviewTrigger & { label?: string; sender?: string; senderType?: string; identity?: PullIdentity };

/** The review of one pull request, in a job. */
function queueReview(
  context: Context<"pull_request" | "check_run">,
  services: AppServices,
  pullNumber: number,
  trigger: ReviewRequest,
): void {
  const ctx = repoContextOf(context, services);
  queueJob(
    ctx,
    async () => {
      // the app's own labels are its mirror of the queue, never a request (checked in the job: it may ask GitHub who the app is)
      const me = await services.login();
      if (trigger.sender !== undefined && trigger.sender === me) return;
      await runReview(ctx, pullNumber, trigger, services.reviewPorts, appSlugOf(me));
    },
    dedupeKeys.review(pullNumber, trigger.explicit),
  );
}

/** A task PR marked ready is reviewed. */
export function startReviewOnReady(context: Context<"pull_request.ready_for_review">, services: AppServices): void {
  queueReview(context, services, context.payload.pull_request.number, { explicit: false });
}

/** A label put on a PR: if it is the review label (read from the configuration, in the job), a review. */
export function startReviewOnLabel(context: Context<"pull_request.labeled">, services: AppServices): void {
  const label = context.payload.label?.name;
  if (label === undefined) return;
  const { login, type } = context.payload.sender;
  const trigger = { explicit: true, label, sender: login, senderType: type };
  queueReview(context, services, context.payload.pull_request.number, trigger);
}

/** The app's own gate run completed green on a PR: its review runs. */
export async function startReviewAfterGates(
  context: Context<"check_run.completed">,
  services: AppServices,
): Promise<void> {
  const run = context.payload.check_run;
  if (!isGateName(run.name) || run.conclusion !== "success") return;
  // another app's run of a gate's name is not a gate: it starts nothing
  if (run.app?.id !== (await repoContextOf(context, services).github.ownAppId())) return;
  for (const pull of run.pull_requests) {
    const identity = { number: pull.number, headRef: pull.head.ref, fromFork: isForkPull(pull) };
    queueReview(context, services, pull.number, { explicit: false, identity });
  }
}
