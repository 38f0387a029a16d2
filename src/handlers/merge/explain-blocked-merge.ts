import type { QueueEntry } from "../../core/queue/index.js";
import {
  protectionBlockers,
  renderProtectionNotice,
  type ApprovalReview,
  type KnownProtection,
  type NamedCheckState,
  type ProtectionBlocker,
  type ProtectionBlockersInput,
} from "../../core/merge/index.js";
import { noteDashboardChange } from "../scheduling/dashboard-refresher.js";
import type { ConfiguredContext } from "../repo-context.js";
import type { PullRead } from "./read-pull.js";
import { resolveOwners } from "./resolve-owners.js";

/** Review threads left unresolved on a base that requires (or may require) them resolved. */
export type OpenThreads = NonNullable<ProtectionBlockersInput["unresolvedThreads"]>;

/** What GitHub said when it refused a merge the policy wanted, and how it reported the PR right after. */
export interface MergeRefusal {
  message?: string;
  mergeable: boolean | null;
  mergeableState: string;
  /** the review threads that still hold it, when read (`resolveOwnThreads`) */
  threads?: OpenThreads;
}

/** GitHub's words for a merge held by branch protection or a ruleset, as opposed to a repository setting. */
const protectionWords = /approving review|code owner|status check|protected branch|out of date|rule|blocked/i;

/** Whether the refusal comes from the base's protection (a person can lift it) rather than, say, a merge method the repository forbids. */
export const refusedByProtection = (refusal: MergeRefusal): boolean =>
  refusal.threads !== undefined ||
  refusal.mergeableState === "blocked" ||
  refusal.mergeableState === "behind" ||
  protectionWords.test(refusal.message ?? "");

/** The head's check runs and commit statuses of these names, as plain check states. */
async function checksNamed(
  ctx: ConfiguredContext,
  headSha: string,
  names: ReadonlySet<string>,
): Promise<NamedCheckState[]> {
  if (names.size === 0) return [];
  const [runs, statuses] = await Promise.all([
    ctx.github.listCheckRuns(headSha),
    ctx.github.listCommitStatuses(headSha),
  ]);
  const found: NamedCheckState[] = runs
    .filter((run) => names.has(run.name))
    .map((run) => ({ name: run.name, status: run.status, conclusion: run.conclusion ?? null, headSha: run.head_sha }));
  // statuses come newest first: the latest per context decides
  const seen = new Set<string>();
  for (const status of statuses) {
    if (!names.has(status.context) || seen.has(status.context)) continue;
    seen.add(status.context);
    const done = status.state !== "pending";
    found.push({
      name: status.context,
      status: done ? "completed" : "in_progress",
      conclusion: done ? (status.state === "success" ? "success" : "failure") : null,
      headSha,
    });
  }
  return found;
}

const requiredNames = (protection: KnownProtection, message: string | undefined): Set<string> => {
  const names =
    protection.kind === "rules"
      ? protection.rules.requiredChecks
      : protection.kind === "summary"
        ? protection.requiredChecks
        : [];
  const named = /Required status check "([^"]+)"/i.exec(message ?? "")?.[1];
  return new Set([...names, ...(named === undefined ? [] : [named])]);
};

/**
 * Says on the PR, in its one "merge-decision" comment, what the base's protection still asks
 * before GitHub lets the merge through: reads what the app may read of the protection (the full
 * rules need `administration: read`; without it, the branch summary and GitHub's own message),
 * the reviews, CODEOWNERS and the required checks on the head. The comment is edited in place
 * when what blocks changes, and left alone when it has not; the merge's completion says it ended.
 */
export async function explainBlockedMerge(
  ctx: ConfiguredContext,
  entry: QueueEntry,
  pull: PullRead,
  refusal: MergeRefusal,
): Promise<ProtectionBlocker[]> {
  const { github } = ctx;
  const protection = await github.branchProtection(pull.baseRef);
  const reviewList = await github.listReviews(pull.number);
  const reviews: ApprovalReview[] = reviewList.map((item) => ({
    user: item.user?.login ?? "",
    state: item.state as ApprovalReview["state"],
    commitId: item.commit_id ?? "",
    submittedAt: item.submitted_at ?? null,
  }));
  const approvers = reviews.filter((review) => review.state === "APPROVED").map((review) => review.user);
  const { ownerGroups } = await resolveOwners(ctx, pull, approvers);
  const checks = await checksNamed(ctx, pull.headSha, requiredNames(protection, refusal.message));
  const blockers = protectionBlockers({
    base: pull.baseRef,
    headSha: pull.headSha,
    author: pull.author.login,
    protection,
    ...(refusal.message === undefined ? {} : { refusal: refusal.message }),
    mergeable: refusal.mergeable,
    mergeableState: refusal.mergeableState,
    behindBase: pull.behindBase,
    reviews,
    ownerGroups,
    checks,
    ...(refusal.threads === undefined ? {} : { unresolvedThreads: refusal.threads }),
  });
  const body = renderProtectionNotice({
    taskId: entry.id,
    base: pull.baseRef,
    headSha: pull.headSha,
    blockers,
    protection,
    ...(refusal.message === undefined ? {} : { refusal: refusal.message }),
  });
  const said = await github.upsertSticky({ issueNumber: pull.number, key: "merge-decision", body });
  // the dashboard lists PRs waiting for a person (read from this comment)
  if (said.created || said.updated) noteDashboardChange(ctx);
  ctx.log.info(
    { task: entry.id, pr: pull.number, protection: protection.kind, blockers: blockers.map((blocker) => blocker.kind) },
    "merge: blocked by branch protection",
  );
  return blockers;
}
