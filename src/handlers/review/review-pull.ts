import {
  compareWithPrevious,
  fingerprintFindings,
  parseReviewComment,
  renderReviewComment,
  reviewConclusion,
  carryReviewComment,
  changeFingerprint,
  riskLineComments,
  recordSealHolds,
  modelReviewsAmong,
  reviewBudgetSpent,
  sealedAt,
  sealReviewComment,
  type ReviewContext,
} from "../../core/review/index.js";
import { apiKeyVariable } from "../../llm/index.js";
import type { ConfiguredContext, PortsFor } from "../repo-context.js";
import { readPullTask } from "../gates/read-task-file.js";
import { moveTask } from "../move-task.js";
import { QueueRefusedError } from "../queue-commit.js";
import type { QueueEntry } from "../../core/queue/index.js";
import { taskFilePath, type TaskSpec } from "../../core/task/index.js";
import { configHashOf, readBlueprint, readHeadChecks } from "./review-inputs.js";
import { dismissalFor, dismissalsOf, waivedCriteria } from "../../core/commands/index.js";
import { readDecisions } from "../questions/decisions-file.js";
import { isChangeOwnAccount } from "./change-own-account.js";
import { publishLineReview } from "./line-review.js";
import { readReviewFiles } from "./review-files.js";
import { runReviewPasses } from "./review-passes.js";
import { sendBackToAgent } from "../merge/send-back-to-agent.js";
import { askAfterReview } from "../questions/ask-after-review.js";
import { reviewDiffs } from "./review-diffs.js";
import { publishReviewCheck, publishReviewResult } from "./review-publish.js";
import { carriedRunStands, ownerDecisionsHash, ownReviewRun, reviewRunKey } from "./review-runs.js";
import type { ReviewedPull, ReviewTrigger } from "./reviewed-pull.js";

export type { ReviewedPull, ReviewTrigger } from "./reviewed-pull.js";

/**
 * The spec the review judges against: the task's queue entry, as Autopilot recorded it. An entry
 * recorded before the criteria were has none: the prompt then says they were not recorded.
 */
function recordedSpec(entry: QueueEntry): TaskSpec {
  return {
    scope: entry.scope,
    forbidden: entry.forbidden,
    risk: entry.risk,
    mode: entry.mode,
    refs: entry.refs,
    ...(entry.budget ? { budget: entry.budget } : {}),
    acceptance: entry.acceptance ?? [],
    tests: entry.tests ?? [],
  };
}

/** The two ports for a configuration; undefined where the provider's API key is missing. */
export type { PortsFor } from "../repo-context.js";

export type ReviewSkip = { reviewed: false; reason: string };

/**
 * Reviews a pull request's head with the two models and reports it as one sticky comment and the
 * `autopilot/review` check. Runs when the PR is ready and its gates are green (or when a person
 * asks), never twice for the same head and review configuration. Without API keys it says so in
 * a neutral check and nothing pretends a review happened. The review can only hold a merge.
 */
export async function reviewPull(
  ctx: ConfiguredContext,
  pull: ReviewedPull,
  trigger: ReviewTrigger,
  portsFor: PortsFor,
  appSlug: string,
): Promise<{ reviewed: true } | ReviewSkip> {
  const { github, owner, repo, config } = ctx;
  if (!config.review.enabled) return { reviewed: false, reason: "review disabled in the configuration" };
  // the spec comes from the queue on the default branch, never from the task file the PR can edit
  const lookup = await readPullTask(ctx, config, pull);
  const task = lookup.kind === "task" ? lookup.entry : undefined;
  if (!task && !trigger.explicit && config.review.on_non_task_prs !== "always")
    return { reviewed: false, reason: "not a task PR" };
  if (!task && config.review.on_non_task_prs === "never")
    return { reviewed: false, reason: "non-task PRs are not reviewed" };
  if (pull.draft && !trigger.explicit) return { reviewed: false, reason: "draft" };
  // a task PR out of draft is in review: moved here, before the review writes to the PR, so the
  // move's labels and the review's comment make one new version of the PR for the merge
  // evaluation to read, not two (the evaluation moves it too, when no review runs first)
  if (task && !pull.draft && task.status === "in_progress") await moveToReview(ctx, task, pull, appSlug);

  const configHash = configHashOf(config);
  /** what the review record is sealed to: this repository and this pull request */
  const sealedHere = sealedAt({ ...ctx, nodeId: pull.repositoryId }, pull.number);
  const target = { owner, repo, issueNumber: pull.number, key: "review" };
  // a conversation without a comment holds no review comment (a new task PR's first review): the
  // list is not read, and its first counted read is the merge's, after this review's comment
  const previous = pull.comments === 0 ? undefined : await github.findSticky(target);
  const record = previous ? parseReviewComment(previous.body) : undefined;
  // the owners' decisions on the review (waivers, dismissals) are part of what was reviewed:
  // after a `/waive` or a `/dismiss`, the same head is reviewed again; a redelivery is not
  const decisions = task ? await readDecisions(ctx) : undefined;
  const dismissals = task && decisions ? dismissalsOf(decisions, task.id) : [];
  const waived = task && decisions ? waivedCriteria(decisions, task.id) : [];
  const ownerHash = ownerDecisionsHash(waived, dismissals);
  if (
    record?.head_sha === pull.headSha &&
    record.config_hash === configHash &&
    (record.owner_decisions ?? ownerDecisionsHash([], [])) === ownerHash
  ) {
    // the record says so, and the head has the app's review run made with this configuration: the
    // review was published. The record alone is not enough: a request that wrote the comment may
    // have had its check run refused, and writers can edit the app's comment. The list is the one
    // `readHeadChecks` and the merge evaluation read (one URL, 304 when unchanged)
    const run = await ownReviewRun(ctx, pull.headSha, appSlug);
    if (run?.external_id?.startsWith(reviewRunKey(configHash, ownerHash, "")) === true)
      return { reviewed: false, reason: "this head was reviewed with this configuration" };
    ctx.log.warn({ pr: pull.number, head: pull.headSha }, "review: recorded for this head without its check run");
  }

  const head = await readHeadChecks(ctx, pull.headSha, task !== undefined, appSlug);
  if (head.gatesPending) return { reviewed: false, reason: "gates still running" };
  if (!head.gatesGreen && !trigger.explicit) return { reviewed: false, reason: "gates not green" };

  const ports = portsFor(config);
  if (!ports.assistantManager || !ports.manager) {
    const missing = [
      ...(ports.assistantManager ? [] : [apiKeyVariable(config.review.assistant_manager.provider)]),
      ...(ports.manager ? [] : [apiKeyVariable(config.review.manager.provider)]),
    ].filter(Boolean);
    await publishReviewCheck(
      ctx,
      pull.headSha,
      "neutral",
      "No review: no API keys configured",
      `No model reviewed this change: ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not set for the app. Gates and humans decide alone.`,
    );
    return { reviewed: false, reason: "no API keys" };
  }

  const change = await github.readChange({ base: pull.baseRef, head: pull.headSha, pullNumber: pull.number });
  const ownTaskFile = task ? taskFilePath(config.task_dir, task.id) : undefined;
  const files = change.files.filter((file) => file.filename !== ownTaskFile);
  // the same change on a new head (the branch brought up to date with its base): the review stands
  const fingerprint = change.complete ? changeFingerprint(files) : undefined;
  // an owner's dismissals stand while the PR's change to the file they point at is the same
  const changeOf = (path: string) => {
    const file = files.find((item) => item.filename === path);
    return file ? changeFingerprint([file]) : undefined;
  };
  const dismissed = (finding: { fingerprint: string }) => dismissalFor(finding, dismissals, changeOf) !== undefined;
  if (
    previous &&
    record?.status === "complete" &&
    record.config_hash === configHash &&
    (record.owner_decisions ?? ownerDecisionsHash([], [])) === ownerHash &&
    fingerprint !== undefined &&
    record.change_fingerprint === fingerprint &&
    !trigger.explicit &&
    // the record is editable by writers: the verdict carried is the one the app's own run on the
    // reviewed head shows, made for this change with this configuration (only the app writes it)
    (await carriedRunStands(ctx, record, reviewRunKey(configHash, ownerHash, fingerprint), appSlug)) &&
    // and its findings (the follow-ups opened at the merge) are the app's: a record a writer edited
    // is not carried, sealed anew, to the next head; the change is reviewed again instead
    (await recordSealHolds(record, ctx.services.recordVerifiers, sealedHere))
  ) {
    const title = `${record.decision === "accept" && record.conclusion === "success" ? "Accepted" : `Review ${record.decision ?? "kept"}`} (carried over from ${record.head_sha.slice(0, 7)}: the same change, its base moved)`;
    await publishReviewResult(
      ctx,
      pull,
      {
        target,
        body: await sealReviewComment(
          carryReviewComment(previous.body, record, pull.headSha),
          ctx.services.signRecord,
          sealedHere,
        ),
        known: previous,
      },
      {
        externalId: reviewRunKey(configHash, ownerHash, fingerprint),
        conclusion: record.conclusion,
        title,
        summary: (link) =>
          `${title}.\n\nThe review of ${record.head_sha.slice(0, 7)} stands: this head differs from it only by its base, and the pull request's own change is identical. See [the review comment](${link}).`,
      },
      `${appSlug}[bot]`,
    );
    return { reviewed: true };
  }
  // the repository's instructions at the base and the changed files at the head, in one request,
  // with the PR's reviews so far: the app's own review runs on its commits. Any PR's, not a task's
  // alone: an outsider's fork PR under \`on_non_task_prs: always\`, or a writer's scratch PR and
  // \`/review\` after each push, would otherwise buy paid reviews without end
  const appId = await github.ownAppId();
  const read = await readReviewFiles(
    ctx,
    config,
    pull,
    files,
    appId === undefined ? undefined : { pullNumber: pull.number, appId, cap: config.review.max_reviews_per_task },
  );
  // a force push takes reviewed commits (and their runs) out of the PR: the sealed record counts too
  const recorded =
    record?.reviews !== undefined && (await recordSealHolds(record, ctx.services.recordVerifiers, sealedHere))
      ? record.reviews
      : 0;
  const reviews = Math.max(read.pullRuns === undefined ? 0 : modelReviewsAmong(read.pullRuns), recorded);
  const lifted = async (by: string | undefined) =>
    by !== undefined && !(await isChangeOwnAccount(ctx, pull.number, by));
  if (reviews >= config.review.max_reviews_per_task && !(await lifted(trigger.byOwner))) {
    const spent = reviewBudgetSpent(reviews, config.review.max_reviews_per_task, task !== undefined);
    await publishReviewCheck(ctx, pull.headSha, "neutral", spent.title, spent.summary);
    return { reviewed: false, reason: `the pull request has had ${reviews} reviews` };
  }
  const base: Omit<ReviewContext, "diff"> = {
    ...(task ? { task: { id: task.id, title: task.title, spec: recordedSpec(task) } } : {}),
    pullRequest: { number: pull.number, title: pull.title, body: pull.body ?? "" },
    gates: head.gates,
    checks: head.checks,
    commits: change.commits,
    // the indices of the base: a PR cannot define the ids its own trailers name
    blueprint: await readBlueprint(ctx, config, pull.baseRef),
    instructions: read.instructions,
    // the last review's findings: a re-review builds on it instead of starting over
    ...(record
      ? {
          earlier: {
            head: record.head_sha,
            findings: [
              ...record.findings.map((finding) => ({ ...finding, state: "open" as const })),
              ...record.resolved.map((finding) => ({ ...finding, state: "resolved" as const })),
              ...dismissals.filter(dismissed).map((item) => ({
                fingerprint: item.fingerprint,
                kind: "finding",
                severity: null,
                file: item.file,
                text: item.text,
                state: "dismissed" as const,
                note: item.reason,
              })),
            ],
          },
        }
      : {}),
  };
  // the models see more of the code around each change than GitHub's three lines
  const shown = read.shown;
  const incomplete = change.complete ? undefined : change.incompleteReason;
  const { context, managerDiff, tieBreakDiff } = reviewDiffs(config, base, shown, incomplete, task?.scope);
  const passes = await runReviewPasses({
    config,
    ports: { assistantManager: ports.assistantManager, manager: ports.manager },
    context,
    gatesGreen: head.gatesGreen,
    log: ctx.log,
    task: task?.id ?? `PR #${pull.number}`,
    tieBreakDiff,
    managerDiff,
    dismissed,
    waived,
  });
  const comparison = compareWithPrevious(
    // a finding dismissed since is not "resolved": it is set aside
    (record?.findings ?? []).filter((finding) => !dismissed(finding)),
    passes.findings ? fingerprintFindings(passes.findings) : [],
  );
  // the risks on their lines; whether a line review of the app's may be on the PR from before
  // (none when there is no earlier review comment; unknown, so assumed, in an older record)
  // at most `review.max_line_comments`, the most severe: a model steered by the change could name hundreds
  const anchored = passes.findings ? riskLineComments(passes.findings, files) : [];
  const lineComments = anchored.slice(0, config.review.max_line_comments);
  const earlierLineReviews = previous !== undefined && (record?.line_reviews ?? true);
  const rendered = renderReviewComment({
    headSha: pull.headSha,
    configHash,
    changeFingerprint: fingerprint,
    ownerDecisions: ownerHash,
    outcome: passes.outcome,
    ...(passes.findings ? { findings: passes.findings } : {}),
    comparison,
    omitted: context.diff.omitted,
    calls: passes.calls,
    // written before the line review is posted: a crash in between leaves the next review listing
    // (and hiding) it; without findings nothing is posted nor hidden, so what was there stays
    lineReviews: passes.findings ? lineComments.length > 0 : earlierLineReviews,
    reviews: reviews + 1,
    reviewedAt: ctx.services.now(),
  });
  const body = await sealReviewComment(rendered, ctx.services.signRecord, sealedHere);
  const { conclusion, title } = reviewConclusion(passes.outcome);
  await publishReviewResult(
    ctx,
    pull,
    { target, body, known: previous ?? null },
    {
      externalId: reviewRunKey(configHash, ownerHash, fingerprint),
      conclusion,
      title,
      summary: (link) =>
        `${title}.\n\nThe review, its findings and what it cost are in [the review comment](${link}) on this pull request. A review can hold a merge back; it never grants one against failing gates.`,
    },
    `${appSlug}[bot]`,
  );
  if (passes.findings)
    await publishLineReview(
      ctx,
      pull,
      lineComments,
      `${appSlug}[bot]`,
      earlierLineReviews,
      anchored.length - lineComments.length,
    );
  await askAfterReview(ctx, { pullNumber: pull.number, outcome: passes.outcome });
  // partial and reject both go back to the agent with the reasons (once per head); only blocked asks the owner
  if (
    passes.outcome.status === "complete" &&
    (passes.outcome.decision === "reject" || passes.outcome.decision === "partial")
  ) {
    await sendBackToAgent(ctx, pull, passes.outcome, passes.findings);
  }
  return { reviewed: true };
}

/**
 * `in_progress → review` for a task whose PR is out of draft, as the merge evaluation does it
 * (which it then need not): the move queues the PR's evaluation, which runs after this review.
 */
async function moveToReview(
  ctx: ConfiguredContext,
  task: QueueEntry,
  pull: ReviewedPull,
  appSlug: string,
): Promise<void> {
  try {
    await moveTask(ctx, task, {
      to: "review",
      actor: `${appSlug}[bot]`,
      reason: `#${pull.number} is ready for review`,
      ...(pull.labels === undefined ? {} : { knownLabels: new Map([[pull.number, pull.labels]]) }),
    });
  } catch (error) {
    // moved meanwhile (another replica's evaluation, an owner's command): the review goes on all the same
    if (!(error instanceof QueueRefusedError)) throw error;
    ctx.log.info({ task: task.id, reason: error.message }, "review: the task was not moved to review");
  }
}
