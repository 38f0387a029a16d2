import { closeLinkedIssues } from "../../effects/close-linked-issues.js";
import { deleteMergedHead } from "../../effects/delete-merged-head.js";
import { GitStoreError } from "../../git/index.js";
import { SandboxHttpError, type SandboxRequest, type SandboxResponse } from "../../http/index.js";
import type { RepoState, SandboxUser } from "../../state/index.js";
import { actorOf, type RestContext } from "../rest-context.js";
import { findPull, gitPerson, pullRepo, type PullIssue } from "./pull-access.js";
import { changedPathsOf, githubCommitter, pullDiff } from "../../state/pull-analysis.js";
import { mergeRequirementsOf } from "../../state/merge-requirements.js";
import { requiredChecksMessage, requiredChecksOn } from "../../state/required-checks.js";
import { mergeQueueRuleOf, rulesetRequiredChecks, type RuleWriter } from "../../state/rulesets.js";
import { bypassesProtection, mayPushTo, ruleWriterOf } from "../repos/protected-push.js";
import { assertMayMergeWorkflows } from "../repos/workflow-permission.js";
import { assertMergeMethodAllowed } from "./merge-method.js";
import { assertPullRequestRuleSatisfied } from "./pull-request-rule-check.js";

interface MergeBody {
  commit_title?: string;
  commit_message?: string;
  sha?: string;
  merge_method?: "merge" | "squash" | "rebase";
}

/** How often a merge is recomputed when the base branch moved between reading and writing it. */
const baseRaceRetries = 3;

const notMergeable = (): SandboxHttpError => new SandboxHttpError(405, "Pull Request is not mergeable");

/** What GitHub answers a merge by someone the base's push `restrictions` leave out (merge bots' reports). */
const notAuthorizedToMerge =
  "You're not authorized to push to this branch. Visit https://docs.github.com/articles/about-protected-branches/ " +
  "for more information.";

/**
 * GitHub's default commit message: "Merge pull request #N from owner/branch" with the title as
 * body for a merge; "Title (#N)" with the squashed commits' messages for a squash.
 */
export async function commitMessage(
  repo: RepoState,
  issue: PullIssue,
  body: MergeBody,
  method: "merge" | "squash",
): Promise<string> {
  const defaultTitle =
    method === "merge"
      ? `Merge pull request #${issue.number} from ${repo.owner.login}/${issue.pull.head.ref}`
      : `${issue.title} (#${issue.number})`;
  let detail = body.commit_message;
  if (detail === undefined && method === "merge") detail = issue.title;
  if (detail === undefined) {
    const commits = (await pullDiff(repo, issue))?.commits ?? [];
    const messages = commits.map((commit) => commit.message.trim());
    detail = messages.length === 1 ? (messages[0] ?? "") : messages.map((message) => `* ${message}`).join("\n\n");
  }
  const title = body.commit_title ?? defaultTitle;
  return detail === "" ? title : `${title}\n\n${detail}`;
}

/** Merges head onto the base tip and moves the base branch with a compare-and-swap; retries a lost race. */
async function mergeOntoBase(
  repo: RepoState,
  issue: PullIssue,
  body: MergeBody,
  sender: SandboxUser,
): Promise<{ before: string; sha: string }> {
  const method = body.merge_method ?? "merge";
  const ref = `refs/heads/${issue.pull.base.ref}`;
  const message = method === "rebase" ? "" : await commitMessage(repo, issue, body, method);
  for (let attempt = 0; ; attempt += 1) {
    const before = await repo.git.getRef(ref);
    // a concurrent merge of the same pull request may have won meanwhile
    if (before === undefined || issue.pull.merged) throw notMergeable();
    const author = gitPerson(sender);
    const result = await repo.git.merge({
      base: before,
      head: issue.pull.head.sha,
      method,
      message,
      author,
      committer: githubCommitter,
    });
    if (!result.ok) throw notMergeable();
    try {
      await repo.git.updateRef(ref, result.sha, { expectedOld: before });
      return { before, sha: result.sha };
    } catch (error) {
      if (!(error instanceof GitStoreError && error.status === 409)) throw error;
      if (attempt >= baseRaceRetries)
        throw new SandboxHttpError(409, "Base branch was modified. Review and try the merge again.");
    }
  }
}

/**
 * 405 with GitHub's message while the base branch's protection is not satisfied: a caller its push
 * `restrictions` leave out, then approving reviews, code-owner reviews, required checks, and with
 * strict checks a head that contains the base. A repository admin passes when `enforce_admins` is
 * off; an app never does. Who may push is asked before what the pull request lacks, as a direct
 * push asks it before "Changes must be made through a pull request." (`assertPushAllowed`):
 * GitHub does not document the order, this is the best reading.
 */
async function assertProtectionSatisfied(
  ctx: RestContext,
  request: SandboxRequest,
  repo: RepoState,
  issue: PullIssue,
): Promise<void> {
  const protection = repo.protections.get(issue.pull.base.ref);
  if (!protection || bypassesProtection(ctx, repo, request.principal, protection)) return;
  if (!mayPushTo(ctx, repo, request.principal, protection)) throw new SandboxHttpError(405, notAuthorizedToMerge);
  const base = await repo.git.getRef(`refs/heads/${issue.pull.base.ref}`);
  if (base === undefined) return;
  const requirements = await mergeRequirementsOf(repo, issue, protection, base, await changedPathsOf(repo, issue));
  if (requirements.blockedBy !== undefined) throw new SandboxHttpError(405, requirements.blockedBy);
  if (requirements.behind) throw new SandboxHttpError(405, "Head branch is not up to date with the base branch.");
}

/**
 * What active rulesets ask of a direct merge: none through a merge queue (405, for admins and
 * apps alike), and their required status checks passed on the head (with the strict policy, a
 * head that contains the base); the rulesets whose bypass list names the caller's app ask nothing.
 */
async function assertRulesetsSatisfied(repo: RepoState, issue: PullIssue, by: RuleWriter): Promise<void> {
  const branch = issue.pull.base.ref;
  if (mergeQueueRuleOf(repo, branch, by))
    throw new SandboxHttpError(405, "Changes must be made through the merge queue");
  const required = rulesetRequiredChecks(repo, branch, by);
  if (!required) return;
  const outcome = requiredChecksOn(repo, issue.pull.head.sha, required.checks);
  if (!outcome.satisfied) {
    const message = requiredChecksMessage(outcome, required.checks.length);
    throw new SandboxHttpError(405, `Repository rule violations found\n\n${message}`);
  }
  const base = await repo.git.getRef(`refs/heads/${branch}`);
  if (required.strict && base !== undefined && !(await repo.git.isAncestor(base, issue.pull.head.sha)))
    throw new SandboxHttpError(405, "Head branch is not up to date with the base branch.");
}

/**
 * `PUT /pulls/{n}/merge`: 405 for a closed or draft pull request or one that conflicts, 409 when
 * `sha` is not the head any more. Moves the base branch (push), then marks the pull request merged
 * and closed (`pull_request.closed` with `merged: true`), closes the issues it names with a closing
 * keyword (`issues.closed` after it, a deterministic order: GitHub promises none), and deletes its
 * head branch when the repository says so (`delete_branch_on_merge`).
 */
export async function mergePull(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = pullRepo(ctx, request, { write: true, permission: "contents" });
  const issue = findPull(repo, request.params.pull_number);
  const body = (request.body ?? {}) as MergeBody;
  if (issue.pull.merged || issue.state !== "open") throw notMergeable();
  if (issue.pull.draft) throw new SandboxHttpError(405, "Pull Request is still a draft");
  if (body.sha !== undefined && body.sha !== issue.pull.head.sha) {
    throw new SandboxHttpError(409, "Head branch was modified. Review and try the merge again.");
  }
  assertMergeMethodAllowed(ctx, request, repo, issue.pull.base.ref, body.merge_method ?? "merge");
  const by = ruleWriterOf(ctx, request.principal, true);
  await assertRulesetsSatisfied(repo, issue, by);
  await assertPullRequestRuleSatisfied(repo, issue, body.merge_method ?? "merge", by);
  await assertProtectionSatisfied(ctx, request, repo, issue);
  assertMayMergeWorkflows(request.principal, await changedPathsOf(repo, issue));
  const sender = actorOf(ctx, request.principal);
  const { before, sha } = await mergeOntoBase(repo, issue, body, sender);

  const now = ctx.state.iso();
  Object.assign(issue.pull, { merged: true, mergedAt: now, mergedBy: sender, mergeCommitSha: sha });
  issue.pull.base.sha = before;
  Object.assign(issue, { state: "closed", closedAt: now, closedBy: sender, updatedAt: now });
  await ctx.refMoved(repo, { ref: `refs/heads/${issue.pull.base.ref}`, before, after: sha, forced: false, sender });
  ctx.events.emit({ name: "pull_request", action: "closed", repo, sender, pull: issue });
  await closeLinkedIssues(ctx, repo, issue, { before, after: sha }, sender);
  await deleteMergedHead(ctx, repo, issue, sender);
  return { status: 200, body: { sha, merged: true, message: "Pull Request successfully merged" } };
}
