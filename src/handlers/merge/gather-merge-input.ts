import type { QueueEntry } from "../../core/queue/index.js";
import { decideMerge, gateNames, policyCell, reviewCheckName, waitingWords, type ApprovalReview, type CheckState, type MergeInput, type NamedCheckState } from "../../core/merge/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import { resolveOwners } from "./resolve-owners.js";
import { seenChecksOf, type SeenChecks } from "./seen-checks.js";

export interface MergePullFacts {
  number: number;
  draft: boolean;
  state: "open" | "closed";
  merged: boolean;
  headSha: string;
  headRef: string;
  baseRef: string;
  mergeable: boolean | null;
  mergeableState: string;
  author: { login: string; type: string };
}

/**
 * Whether the decision gets as far as approvals: only then are CODEOWNERS, the changed files and
 * reviewers' permissions worth reading (a draft, a pending check or an `auto` cell never needs them).
 */
function reachesApprovals(input: MergeInput): boolean {
  if (policyCell(input.config.merge, input.task.risk, input.task.mode).decision !== "approval") return false;
  const decision = decideMerge(input);
  return decision.action === "merge" || (decision.action === "wait" && decision.waitingFor.includes(waitingWords.approvals));
}

/**
 * The head's checks and the PR's reviews, read from GitHub, as `decideMerge` takes them, and
 * which checks were seen completed (for coalescing later events about them).
 */
export async function gatherMergeInput(ctx: ConfiguredContext, entry: QueueEntry, pull: MergePullFacts, botLogin: string): Promise<{ input: MergeInput; seen: SeenChecks }> {
  const { octokit, owner, repo, config } = ctx;
  const [runs, statuses, reviews] = await Promise.all([
    octokit.paginate(octokit.rest.checks.listForRef, { owner, repo, ref: pull.headSha, filter: "latest", per_page: 100 }),
    config.merge.required_checks.length > 0 ? octokit.rest.repos.getCombinedStatusForRef({ owner, repo, ref: pull.headSha, per_page: 100 }).then((r) => r.data.statuses) : Promise.resolve([]),
    octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo, pull_number: pull.number, per_page: 100 }),
  ]);
  const stateOf = (name: string): CheckState | undefined => {
    const run = runs.find((candidate) => candidate.name === name);
    return run ? { status: run.status, conclusion: run.conclusion ?? null, headSha: run.head_sha } : undefined;
  };
  const gates: MergeInput["gates"] = {};
  for (const name of gateNames) {
    const state = stateOf(name);
    if (state) gates[name] = state;
  }
  const review = stateOf(reviewCheckName);
  const requiredChecks: NamedCheckState[] = [];
  for (const name of config.merge.required_checks) {
    const run = stateOf(name);
    if (run) requiredChecks.push({ name, ...run });
    const status = statuses.find((candidate) => candidate.context === name);
    if (status) {
      const done = status.state !== "pending";
      requiredChecks.push({ name, status: done ? "completed" : "in_progress", conclusion: done ? (status.state === "success" ? "success" : "failure") : null, headSha: pull.headSha });
    }
  }
  const approvals: ApprovalReview[] = reviews.map((item) => ({
    user: item.user?.login ?? "",
    state: item.state as ApprovalReview["state"],
    commitId: item.commit_id ?? "",
    submittedAt: item.submitted_at ?? null,
  }));
  const handle = config.dispatch.target === "mention" ? [config.dispatch.handle.replace(/^@/, "")] : [];
  const input: MergeInput = {
    task: { id: entry.id, risk: entry.risk, mode: entry.mode },
    pull: {
      number: pull.number,
      draft: pull.draft,
      state: pull.merged ? "merged" : pull.state,
      headSha: pull.headSha,
      behindBase: pull.mergeableState === "behind",
      mergeable: pull.mergeable,
      author: pull.author.login,
    },
    gates,
    review: review ? { conclusion: review.conclusion, headSha: review.headSha } : undefined,
    requiredChecks,
    approvals,
    owners: [...config.owners],
    agent: [botLogin, ...(pull.author.type === "Bot" ? [pull.author.login] : []), ...handle],
    config: { merge: config.merge, review: { enabled: config.review.enabled } },
    paused: config.paused,
  };
  const seen = seenChecksOf(pull.headSha, runs);
  if (!reachesApprovals(input)) return { input, seen };
  const approvers = approvals.filter((item) => item.state === "APPROVED").map((item) => item.user);
  return { input: { ...input, ...(await resolveOwners(ctx, pull, approvers)) }, seen };
}
