import type { QueueEntry } from "../../core/queue/index.js";
import {
  changeAccounts,
  decideMerge,
  gateNames,
  policyCell,
  requiredCheckOf,
  reviewCheckName,
  waitingWords,
  type CheckState,
  type FoundCheck,
  type MergeInput,
} from "../../core/merge/index.js";
import { appSlugOf, isOwnRun } from "../../core/own-check-run.js";
import type { ConfiguredContext } from "../repo-context.js";
import { commitAccountsOf } from "./commit-accounts-of.js";
import { approvalReviewsOf, withObjections } from "./objections-of.js";
import { withSettledThreads } from "./settled-threads.js";
import { weighDismissals } from "./weigh-dismissals.js";
import { resolveOwners } from "./resolve-owners.js";
import { seenChecksOf, type SeenChecks } from "../scheduling/seen-checks.js";

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
  /** the base has commits the head lacks, whatever `mergeable_state` says */
  behindBase: boolean;
  author: { login: string; type: string };
  /** every commit's author and committer accounts, when `readPull`'s compare of this head listed them all */
  commitAccounts?: string[];
  /** the PR's line comments as GitHub counts them (0: it has no review thread); undefined when not counted */
  reviewComments?: number;
}

/**
 * Whether the decision gets as far as approvals: only then are CODEOWNERS, the changed files and
 * reviewers' permissions worth reading (a draft, a pending check or an `auto` cell never needs them).
 */
function reachesApprovals(input: MergeInput): boolean {
  if (policyCell(input.config.merge, input.task.risk, input.task.mode).decision !== "approval") return false;
  const decision = decideMerge(input);
  return (
    decision.action === "merge" || (decision.action === "wait" && decision.waitingFor.includes(waitingWords.approvals))
  );
}

/** The latest status per context and creator, newest first as GitHub lists them. */
function latestStatuses<T extends { context: string; creator: { login: string } | null }>(statuses: readonly T[]): T[] {
  const seen = new Set<string>();
  return statuses.filter((status) => {
    const key = `${status.context}\n${status.creator?.login ?? ""}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

/**
 * GitHub's accounts for the authors and committers of the PR's commits (read only when a decision
 * needs them): from the compare `readPull` made of this very head when it listed every commit,
 * else from the PR's commit list.
 */
async function commitAccountsOfPull(ctx: ConfiguredContext, pull: MergePullFacts): Promise<string[]> {
  if (pull.commitAccounts !== undefined) return pull.commitAccounts;
  return commitAccountsOf(await ctx.github.listPullCommits(pull.number));
}

/**
 * The head's checks and the PR's reviews, read from GitHub, as `decideMerge` takes them, and
 * which checks were seen completed (for coalescing later events about them). The gates and the
 * review count only as runs of the app itself (`botLogin`'s app); required CI carries its source.
 * The commits' authors and committers, who never approve and whose statuses never count, are
 * read only when a required status or the approvals are reached.
 */
export async function gatherMergeInput(
  ctx: ConfiguredContext,
  entry: QueueEntry,
  pull: MergePullFacts,
  botLogin: string,
): Promise<{ input: MergeInput; seen: SeenChecks }> {
  const { github, config } = ctx;
  const required = config.merge.required_checks.map(requiredCheckOf);
  // a pinned check is a check run of its app: commit statuses are read only for unpinned names
  const statusNames = new Set(required.filter((check) => check.app === undefined).map((check) => check.name));
  // `pull` was just read from GitHub (never a payload's copy). A draft is decided on its own check
  // runs alone (`decideMerge`: `mark_ready` or `wait`), so its statuses and reviews are not read; a
  // draft marked ready after that read sends `ready_for_review`, which evaluates it again. Reviews
  // count only where the policy cell asks for an approval.
  const needsStatuses = !pull.draft && statusNames.size > 0;
  const needsReviews = !pull.draft && policyCell(config.merge, entry.risk, entry.mode).decision === "approval";
  const [runs, statuses, reviews] = await Promise.all([
    github.listCheckRuns(pull.headSha),
    needsStatuses ? github.listCommitStatuses(pull.headSha) : Promise.resolve([]),
    needsReviews ? github.listReviews(pull.number) : Promise.resolve([]),
  ]);
  const appSlug = appSlugOf(botLogin);
  const stateOf = (name: string): CheckState | undefined => {
    const run = runs.find((candidate) => candidate.name === name && isOwnRun(candidate, appSlug));
    return run ? { status: run.status, conclusion: run.conclusion ?? null, headSha: run.head_sha } : undefined;
  };
  const gates: MergeInput["gates"] = {};
  for (const name of gateNames) {
    const state = stateOf(name);
    if (state) gates[name] = state;
  }
  const review = stateOf(reviewCheckName);
  const requiredChecks: FoundCheck[] = [];
  for (const { name } of required) {
    for (const run of runs.filter((candidate) => candidate.name === name)) {
      const source = { kind: "check_run" as const, app: run.app?.slug ?? null };
      requiredChecks.push({
        name,
        status: run.status,
        conclusion: run.conclusion ?? null,
        headSha: run.head_sha,
        source,
      });
    }
  }
  const namedStatuses = latestStatuses(statuses.filter((status) => statusNames.has(status.context)));
  for (const status of namedStatuses) {
    const done = status.state !== "pending";
    const conclusion = done ? (status.state === "success" ? "success" : "failure") : null;
    const source = { kind: "status" as const, creator: status.creator?.login ?? null };
    requiredChecks.push({
      name: status.context,
      status: done ? "completed" : "in_progress",
      conclusion,
      headSha: pull.headSha,
      source,
    });
  }
  const handle = config.dispatch.target === "mention" ? config.dispatch.handle.replace(/^@/, "") : undefined;
  const accounts = (commitAccounts: readonly string[]): string[] =>
    changeAccounts({
      botLogin,
      pullAuthor: pull.author.login,
      commitAccounts,
      agentAccounts: config.agent_accounts,
      dispatchHandle: handle,
    });
  // the change's own accounts with its commits' (listed at most once, and only when something needs them)
  let withCommits: Promise<string[]> | undefined;
  const agentWithCommits = (): Promise<string[]> => {
    withCommits ??= commitAccountsOfPull(ctx, pull).then(accounts);
    return withCommits;
  };
  // a request for changes dismissed by someone who may not lift it still counts (read only when one is dismissed)
  const weighed = await weighDismissals(ctx, pull, reviews, agentWithCommits);
  const approvals = approvalReviewsOf(weighed.reviews);
  let input: MergeInput = {
    task: { id: entry.id, risk: entry.risk, mode: entry.mode },
    pull: {
      number: pull.number,
      draft: pull.draft,
      state: pull.merged ? "merged" : pull.state,
      headSha: pull.headSha,
      behindBase: pull.behindBase,
      mergeable: pull.mergeable,
      author: pull.author.login,
    },
    gates,
    review: review ? { conclusion: review.conclusion, headSha: review.headSha } : undefined,
    requiredChecks,
    approvals,
    owners: [...config.owners],
    agent: accounts([]),
    // the commits' accounts refuse trust but never drop an owner's objection: they are only claimed
    declaredAccounts: accounts([]),
    config: { merge: config.merge, review: { enabled: config.review.enabled } },
    paused: config.paused,
    ...(weighed.overruled.length > 0 ? { overruledDismissals: weighed.overruled } : {}),
  };
  const seen = seenChecksOf(pull.headSha, runs);
  if (namedStatuses.length > 0) input = { ...input, agent: await agentWithCommits() };
  // an owner's request for changes holds a merge under any cell: without approvals to count, the
  // reviews are read only once everything else would merge (one request, none before)
  // people's conversations resolved by someone without standing hold a merge that would go through
  const weighThreads = async (judged: MergeInput): Promise<MergeInput> =>
    decideMerge(judged).action === "merge" ? withSettledThreads(ctx, pull, judged, botLogin, agentWithCommits) : judged;
  if (!needsReviews && !pull.draft && decideMerge(input).action === "merge") {
    return { input: await weighThreads(await withObjections(ctx, pull, input, agentWithCommits)), seen };
  }
  if (!reachesApprovals(input)) return { input, seen };
  if (namedStatuses.length === 0) input = { ...input, agent: await agentWithCommits() };
  const approvers = approvals.filter((item) => item.state === "APPROVED").map((item) => item.user);
  return { input: await weighThreads({ ...input, ...(await resolveOwners(ctx, pull, approvers)) }), seen };
}
