import { createHash } from "node:crypto";
import {
  budgetDiff,
  compareWithPrevious,
  diffTokenBudget,
  assistantManagerPrompt,
  fingerprintFindings,
  parseReviewComment,
  renderReviewComment,
  reviewConclusion,
  riskPaths,
  managerPrompt,
  tieBreakPrompt,
  carryReviewComment,
  changeFingerprint,
  riskLineComments,
  recordSealHolds,
  modelReviewsAmong,
  reviewBudgetSpent,
  sealedAt,
  sealReviewComment,
  type AssistantManagerFindings,
  type BudgetedDiff,
  type ManagerDecision,
  type ReviewContext,
} from "../../core/review/index.js";
import { apiKeyVariable, tokenCounterFor } from "../../llm/index.js";
import type { ConfiguredContext, PortsFor } from "../repo-context.js";
import { readPullTask } from "../gates/read-task-file.js";
import { moveTask } from "../move-task.js";
import { QueueRefusedError } from "../queue-commit.js";
import type { QueueEntry } from "../../core/queue/index.js";
import { taskFilePath, type TaskSpec } from "../../core/task/index.js";
import { reviewCheckName } from "../../core/check-names.js";
import { isOwnRun } from "../../core/own-check-run.js";
import type { StickyComment } from "../../github/index.js";
import type { Conclusion } from "../../core/gate-result.js";
import { configHashOf, readBlueprint, readHeadChecks } from "./review-inputs.js";
import { dismissalFor, dismissalsOf, waivedCriteria } from "../../core/commands/index.js";
import { readDecisions } from "../questions/decisions-file.js";
import { isChangeOwnAccount } from "./change-own-account.js";
import { publishLineReview } from "./line-review.js";
import { readReviewFiles } from "./review-files.js";
import { runReviewPasses } from "./review-passes.js";
import { sendBackToAgent } from "../merge/send-back-to-agent.js";
import { askAfterReview } from "../questions/ask-after-review.js";
import { rideDashboard } from "../dashboard/ride-dashboard.js";

export interface ReviewedPull {
  number: number;
  headSha: string;
  headRef: string;
  baseRef: string;
  title: string;
  body: string | null;
  draft: boolean;
  /** the head branch lives in another repository: never a task, whatever its name */
  fromFork: boolean;
  /**
   * The PR's node id, its repository's node id and its page: with them the sticky comment and the
   * check run are written in one request (without, one REST call each)
   */
  nodeId?: string;
  repositoryId?: string;
  url?: string;
  /** its labels as GitHub gave them with the PR: a move of the task need not read them again */
  labels?: string[];
  /**
   * The comments in its conversation, as GitHub counted them with the PR just read: with none,
   * there is no review comment to find, and the list is not read
   */
  comments?: number;
}

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

/** How the review was asked for: by the flow (ready, gates green) or by a person (`/review`, the review label). */
export interface ReviewTrigger {
  explicit: boolean;
  /**
   * the owner whose `/review` asked: reviews a task past `review.max_reviews_per_task`, unless they
   * are one of the change's own accounts (a label anyone may add never does)
   */
  byOwner?: string;
}

/** The two ports for a configuration; undefined where the provider's API key is missing. */
export type { PortsFor } from "../repo-context.js";

export type ReviewSkip = { reviewed: false; reason: string };

function publishReviewCheck(
  ctx: ConfiguredContext,
  headSha: string,
  conclusion: Conclusion,
  title: string,
  summary: string,
): Promise<number> {
  return ctx.github.publishCheck(headSha, { name: reviewCheckName, conclusion, title, summary, annotations: [] });
}

/**
 * The sticky review comment and the review check run. In one GraphQL request when the node ids
 * are known: the check run's summary then links the comment when it exists already, the PR's
 * conversation when the same request creates it (its address is known only from the answer). A
 * refusal of either write fails the job (`ReviewPublishError`): its retry edits the comment it
 * finds rather than adding one, and reviews again while the head has no review run of the app's
 * made for this review (`reviewRunKey`). Without the node ids (a port that has none) the two go
 * through REST, the run without its key: the head is then reviewed again when next asked.
 *
 * The dashboard's edit rides in that request (`rideDashboard`), rendered with this review's record
 * for the PR (its comment is not read for it): the debounced refresh the move to review scheduled
 * is then not needed.
 */
async function publishReviewResult(
  ctx: ConfiguredContext,
  pull: ReviewedPull,
  sticky: { target: { issueNumber: number; key: string }; body: string; known: StickyComment | null },
  check: { externalId: string; conclusion: Conclusion; title: string; summary: (link: string) => string },
  login: string,
): Promise<void> {
  const { github } = ctx;
  const { target, body, known } = sticky;
  const { nodeId, repositoryId, url } = pull;
  // an existing comment is edited by its node id (REST lists it with the comment)
  const editable = known === null || known.nodeId !== undefined;
  if (nodeId !== undefined && repositoryId !== undefined && url !== undefined && editable) {
    const status = parseReviewComment(body)?.status;
    const now = ctx.services.now();
    const dashboard = await rideDashboard(ctx, {
      login,
      now,
      // published now: the latest of the reviews the dashboard weighs, whatever the clocks say
      ...(status === undefined ? {} : { reviews: new Map([[pull.number, { status, at: Number.POSITIVE_INFINITY }]]) }),
      // its conversation had no comment when read (so no merge decision waits on it): not read for one
      ...(pull.comments === 0 ? { noApprovalWait: new Set([pull.number]) } : {}),
    });
    await github.publishReview({
      ...(dashboard === undefined ? {} : { carried: dashboard }),
      repositoryId,
      pullNodeId: nodeId,
      sticky: { ...target, body, known },
      headSha: pull.headSha,
      externalId: check.externalId,
      check: {
        name: reviewCheckName,
        conclusion: check.conclusion,
        title: check.title,
        summary: check.summary(known?.url ?? url),
        annotations: [],
      },
    });
    return;
  }
  const comment = await github.upsertSticky({ ...target, body, known });
  await publishReviewCheck(ctx, pull.headSha, check.conclusion, check.title, check.summary(comment.url));
}

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
  // with a task's reviews so far: the app's own review runs on the PR's commits
  const appId = task ? await github.ownAppId() : undefined;
  const read = await readReviewFiles(
    ctx,
    config,
    pull,
    files,
    appId === undefined ? undefined : { pullNumber: pull.number, appId, cap: config.review.max_reviews_per_task },
  );
  // a force push takes reviewed commits (and their runs) out of the PR: the sealed record counts too
  const recorded =
    task && record?.reviews !== undefined && (await recordSealHolds(record, ctx.services.recordVerifiers, sealedHere))
      ? record.reviews
      : 0;
  const reviews = Math.max(read.pullRuns === undefined ? 0 : modelReviewsAmong(read.pullRuns), recorded);
  const lifted = async (by: string | undefined) =>
    by !== undefined && !(await isChangeOwnAccount(ctx, pull.number, by));
  if (task && reviews >= config.review.max_reviews_per_task && !(await lifted(trigger.byOwner))) {
    const spent = reviewBudgetSpent(reviews, config.review.max_reviews_per_task);
    await publishReviewCheck(ctx, pull.headSha, "neutral", spent.title, spent.summary);
    return { reviewed: false, reason: `the task has had ${reviews} reviews` };
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
  // counted as the assistant manager's model counts (exact for OpenAI models, a safe margin for Claude)
  const estimateTokens = tokenCounterFor(config.review.assistant_manager).count;
  const maxTokens = diffTokenBudget(
    (diff) => assistantManagerPrompt({ ...base, diff }),
    config.review.max_input_tokens,
    estimateTokens,
  );
  const diff = budgetDiff({
    files: shown,
    incomplete: change.complete ? undefined : change.incompleteReason,
    maxTokens,
    estimateTokens,
    ...(task ? { scope: task.scope } : {}),
  });
  const context: ReviewContext = { ...base, diff };

  // the manager's prompt adds the findings: its diff is budgeted again, the risks' files first
  const managerDiff = (findings: AssistantManagerFindings) => {
    const build = (budgeted: BudgetedDiff) => managerPrompt(context, findings, budgeted);
    const managerEstimate = tokenCounterFor(config.review.manager).count;
    const managerTokens = diffTokenBudget(build, config.review.max_input_tokens, managerEstimate);
    return budgetDiff({
      files: shown,
      incomplete: change.complete ? undefined : change.incompleteReason,
      maxTokens: managerTokens,
      estimateTokens: managerEstimate,
      priorityPaths: riskPaths(findings),
      ...(task ? { scope: task.scope } : {}),
    });
  };
  // the tie-break prompt adds the findings and the decision: its diff is budgeted again, the risks' files first
  const tieBreakDiff = (findings: AssistantManagerFindings, decision: ManagerDecision) => {
    const build = (budgeted: BudgetedDiff) => tieBreakPrompt(context, findings, decision, budgeted);
    const tieBreakTokens = diffTokenBudget(build, config.review.max_input_tokens, estimateTokens);
    return budgetDiff({
      files: shown,
      incomplete: change.complete ? undefined : change.incompleteReason,
      maxTokens: tieBreakTokens,
      estimateTokens,
      priorityPaths: riskPaths(findings),
      ...(task ? { scope: task.scope } : {}),
    });
  };
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
    omitted: diff.omitted,
    calls: passes.calls,
    // written before the line review is posted: a crash in between leaves the next review listing
    // (and hiding) it; without findings nothing is posted nor hidden, so what was there stays
    lineReviews: passes.findings ? lineComments.length > 0 : earlierLineReviews,
    ...(task ? { reviews: reviews + 1 } : {}),
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

/**
 * What a review run was made for, kept as its `external_id` (only the app that created a run can
 * change it): the review configuration, the owners' decisions and the change reviewed (`-` when
 * it has no fingerprint). A prefix with an empty change matches any change.
 */
function reviewRunKey(configHash: string, ownerHash: string, fingerprint: string | undefined): string {
  return `review:${configHash}:${ownerHash}:${fingerprint ?? "-"}`;
}

/** The app's latest `autopilot/review` run on `headSha`, from the list `readHeadChecks` reads. */
async function ownReviewRun(ctx: ConfiguredContext, headSha: string, appSlug: string) {
  const runs = await ctx.github.listCheckRuns(headSha);
  return runs.find((run) => run.name === reviewCheckName && isOwnRun(run, appSlug));
}

/** Whether the app's own run on the record's head shows the record's verdict, for `key`'s review. */
async function carriedRunStands(
  ctx: ConfiguredContext,
  record: { head_sha: string; conclusion: string },
  key: string,
  appSlug: string,
): Promise<boolean> {
  const run = await ownReviewRun(ctx, record.head_sha, appSlug);
  const stands = run?.external_id === key && run.conclusion === record.conclusion;
  if (!stands) ctx.log.warn({ head: record.head_sha }, "review: the recorded review's own run does not match it");
  return stands;
}

/** What the owners decided about the review (waived criteria, dismissed findings), as a short hash. */
function ownerDecisionsHash(
  waived: readonly number[],
  dismissals: ReadonlyArray<{ fingerprint: string; change: string | null }>,
): string {
  const key = JSON.stringify({
    waived: [...waived].sort((a, b) => a - b),
    dismissed: dismissals.map((item) => `${item.fingerprint}:${item.change ?? ""}`).sort(),
  });
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}
