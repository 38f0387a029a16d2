import type { PendingApproval } from "../../core/progress/index.js";
import { listEntries, type QueueDocument } from "../../core/queue/index.js";
import type { RepoContext } from "../repo-context.js";

/** Task PRs looked at per refresh: the dashboard lists the first ones, the rest wait for the next refresh. */
const maxLooked = 10;
/** How the merge's wait for an owner's approval begins (see evaluate-merge.ts). */
const approvalWaitLead = "Autopilot will not merge ";

/**
 * Task PRs under review that wait for an owner's approval, as the merge evaluation said on the PR
 * (its "merge-decision" comment, edited in place on every evaluation that waits for approvals).
 * One comment listing per task in `review`: only those can be waiting for an approval.
 */
export async function pendingApprovals(
  ctx: RepoContext,
  queue: QueueDocument,
  login: string,
  /** PRs known to have no such comment (no comment at all when the job read them): not read */
  known: ReadonlySet<number> = new Set(),
): Promise<PendingApproval[]> {
  const inReview = listEntries(queue)
    .filter((entry) => entry.status === "review" && entry.pr !== null && !known.has(entry.pr))
    .slice(0, maxLooked);
  const found: PendingApproval[] = [];
  for (const entry of inReview) {
    const comment = await ctx.github.findSticky({ issueNumber: entry.pr!, key: "merge-decision", author: login });
    const firstLine = comment?.body.split("\n").find((line) => line.startsWith(approvalWaitLead));
    if (!firstLine) continue;
    // "Autopilot will not merge T-5 yet: <reason>." → "<reason>"
    const detail = firstLine.replace(/^Autopilot will not merge \S+ yet: /, "").replace(/\.$/, "");
    found.push({ taskId: entry.id, pr: entry.pr, detail });
  }
  return found;
}
