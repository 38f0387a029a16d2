import {
  dashboardStateLine,
  nextDashboardState,
  sealDashboardState,
  trustedDashboardState,
  renderDashboard,
  type Health,
} from "../../core/progress/index.js";
import { parseQueue } from "../../core/queue/index.js";
import { evaluateReadiness, type EvaluatedReadiness } from "../readiness/evaluate-readiness.js";
import type { ConfiguredContext } from "../repo-context.js";
import { readQueueText } from "../task-state.js";
import type { DashboardIssue } from "./find-dashboard.js";
import { gatherHealth, type KnownReview } from "./gather-health.js";
import { pendingApprovals } from "./pending-approvals.js";
import { blobSha, readQueueBlob } from "./queue-at.js";

/** What the dashboard is rendered from: each fact given is not read from GitHub. */
export interface DashboardFacts {
  /** the app's bot login */
  login: string;
  /** default: the current time */
  now?: Date;
  /** the queue file's text as a job just committed it; read from the state branch otherwise */
  queueText?: string;
  /** readiness already evaluated (a sweep); evaluated here (for a display) otherwise */
  readiness?: EvaluatedReadiness;
  /** the default branch's head as the job knows it (the merge it just made); read otherwise */
  headSha?: string;
  /** health already gathered for this repository (a sweep); gathered here otherwise */
  health?: Health;
  /** task PRs' reviews the job knows (it just published one, or just opened the PR): their comments are not read */
  reviews?: ReadonlyMap<number, KnownReview | null>;
  /** task PRs known to wait for no approval (no comment in their conversation when the job read them): not read */
  noApprovalWait?: ReadonlySet<number>;
}

export interface RenderedDashboardBody {
  body: string;
  health: Health;
}

/** `https://github.com/acme/widgets/issues/7` → `https://github.com/acme/widgets` */
const repoUrlOf = (issueUrl: string): string => issueUrl.replace(/\/issues\/\d+$/, "");

/**
 * The dashboard's body for the repository as it is now: the queue, what changed since the body
 * `existing` shows (its state line names the queue it showed), the health, readiness and the
 * approvals waited for. What `facts` gives is taken as it is, the rest read (conditional reads),
 * so a job that just wrote the queue or a review renders the same text a full refresh would.
 */
export async function renderDashboardBody(
  ctx: ConfiguredContext,
  existing: DashboardIssue | undefined,
  facts: DashboardFacts,
): Promise<RenderedDashboardBody> {
  const { github, config } = ctx;
  const now = facts.now ?? new Date();
  const queueText = facts.queueText ?? (await readQueueText(ctx, config));
  // the next refresh shows what changed since this one: it will ask for this queue by its blob SHA
  ctx.services.queueBlobs.set(blobSha(queueText), queueText);
  const queue = parseQueue(queueText).doc;
  // for the display only: a dispatch evaluates readiness afresh before it starts anything
  const readiness =
    facts.readiness ??
    (await evaluateReadiness(ctx, facts.login, now, {
      display: true,
      ...(facts.headSha === undefined ? {} : { headSha: facts.headSha }),
    }));
  const health = facts.health ?? (await gatherHealth(ctx, queue, readiness.ci, facts.reviews));
  // the line names the blob "What changed" is read from: believed only with the app's seal for this repository
  const sealedAt = `${await github.repositoryNodeId()}#dashboard`;
  const stored = existing
    ? await trustedDashboardState(existing.body, ctx.services.recordVerifiers, sealedAt)
    : undefined;
  const state = nextDashboardState(stored, blobSha(queueText));
  const previousText = state.previous === null ? undefined : await readQueueBlob(ctx, state.previous);
  // the links' base: the dashboard's own address, else the one the webhook (or the installation's
  // repository list) named, both GitHub's answers; asked of GitHub only when neither is known
  const repoUrl = existing ? repoUrlOf(existing.htmlUrl) : (ctx.htmlUrl ?? (await github.repositoryUrl()));
  const rendered = renderDashboard({
    queue,
    previous: previousText === undefined ? undefined : parseQueue(previousText).doc,
    repoUrl,
    now,
    approvalsPending: await pendingApprovals(ctx, queue, facts.login, facts.noApprovalWait),
    health,
    readiness: readiness.rows,
    paused: config.paused,
  });
  const sealed = await sealDashboardState(state, ctx.services.signRecord, sealedAt);
  return { body: `${rendered}${dashboardStateLine(sealed)}\n`, health };
}
