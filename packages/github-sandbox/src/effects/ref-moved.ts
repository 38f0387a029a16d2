import type { EventSink } from "../events/sandbox-event.js";
import { zeroSha } from "../events/sandbox-event.js";
import type { CommitInfo } from "../git/index.js";
import type { RefMove } from "../rest/rest-context.js";
import type { IssueState, RepoState, SandboxState } from "../state/index.js";
import { pullRequestRuleOf } from "../state/rules/pull-request-rule.js";
import { closeIssuesNamed } from "./close-linked-issues.js";
import { findOrCreateCheckSuite } from "./ensure-check-suite.js";

/** The commits a push introduced, oldest first, as GitHub lists them in `push.commits`. */
async function pushedCommits(repo: RepoState, move: RefMove): Promise<CommitInfo[]> {
  if (move.after === undefined) return [];
  if (move.before !== undefined) return (await repo.git.compare(move.before, move.after)).commits;
  // a new branch: what it has that the default branch has not
  const base = await repo.git.getRef(`refs/heads/${repo.defaultBranch}`);
  if (base === undefined || base === move.after || move.ref === `refs/heads/${repo.defaultBranch}`) {
    const commit = await repo.git.getCommit(move.after);
    return commit ? [commit] : [];
  }
  try {
    return (await repo.git.compare(base, move.after)).commits;
  } catch {
    const commit = await repo.git.getCommit(move.after);
    return commit ? [commit] : [];
  }
}

/**
 * With `dismiss_stale_reviews` on the base's protection (or `dismiss_stale_reviews_on_push` in a
 * ruleset's `pull_request` rule), a new head dismisses the approvals of older heads
 * (`pull_request_review.dismissed`), as GitHub does.
 */
function dismissStaleApprovals(events: EventSink, repo: RepoState, issue: IssueState, move: RefMove): void {
  const pull = issue.pull;
  if (!pull) return;
  const dismissStale =
    repo.protections.get(pull.base.ref)?.requiredReviews?.dismissStale ||
    pullRequestRuleOf(repo, pull.base.ref)?.dismiss_stale_reviews_on_push;
  if (!dismissStale) return;
  for (const review of repo.reviews.values()) {
    if (review.pullNumber !== issue.number || review.state !== "APPROVED" || review.commitId === pull.head.sha)
      continue;
    // the pull request's events show the pusher dismissing it at the new head, with no message
    const dismissal = { reviewId: review.id, previousState: review.state, message: null, commitId: pull.head.sha };
    review.state = "DISMISSED";
    const sender = move.sender;
    events.emit({ name: "pull_request_review", action: "dismissed", repo, sender, pull: issue, review, dismissal });
  }
}

/**
 * Commits pushed to the default branch close the issues their messages name with a closing
 * keyword, as the pusher (best reading: GitHub shows who closed it "in <commit>"). A pull
 * request's merge closes them itself, after its `pull_request.closed` (`closeLinkedIssues`), so
 * the push of a merge commit is left to it.
 */
function closeIssuesPushed(
  state: SandboxState,
  events: EventSink,
  repo: RepoState,
  move: RefMove,
  commits: readonly CommitInfo[],
): void {
  if (move.after === undefined || move.ref !== `refs/heads/${repo.defaultBranch}`) return;
  for (const issue of repo.issues.values()) if (issue.pull?.merged && issue.pull.mergeCommitSha === move.after) return;
  closeIssuesNamed(
    { state, events },
    repo,
    commits.map((commit) => commit.message),
    move.sender,
  );
}

/**
 * What follows a ref write on GitHub: a `push`; on the default branch, the issues its commits
 * close with a keyword; for a branch, the open pull requests whose head it is move to the new
 * commit (`pull_request.synchronize`) or close when it is deleted; and the app's check suite is
 * requested for a new head commit (`check_suite.requested`).
 */
export async function refMoved(state: SandboxState, events: EventSink, repo: RepoState, move: RefMove): Promise<void> {
  const commits = await pushedCommits(repo, move);
  const now = state.iso();
  repo.pushedAt = now;
  repo.updatedAt = now;
  events.emit({
    name: "push",
    repo,
    sender: move.sender,
    ref: move.ref,
    before: move.before ?? zeroSha,
    after: move.after ?? zeroSha,
    forced: move.forced,
    commits,
  });
  if (!move.ref.startsWith("refs/heads/")) return;
  const branch = move.ref.slice("refs/heads/".length);
  closeIssuesPushed(state, events, repo, move, commits);

  for (const issue of repo.issues.values()) {
    const pull = issue.pull;
    // a fork's pull request follows the fork's branch, not a same-named one here
    if (!pull || issue.state !== "open" || pull.head.ref !== branch || pull.head.repo !== undefined) continue;
    if (move.after === undefined) {
      issue.state = "closed";
      issue.closedAt = now;
      issue.closedBy = move.sender;
      issue.updatedAt = now;
      events.emit({ name: "pull_request", action: "closed", repo, sender: move.sender, pull: issue });
      continue;
    }
    const before = pull.head.sha;
    if (before === move.after) continue;
    pull.head.sha = move.after;
    pull.headPushedBy = move.sender;
    pull.base.sha = (await repo.git.getRef(`refs/heads/${pull.base.ref}`)) ?? pull.base.sha;
    issue.updatedAt = now;
    events.emit({
      name: "pull_request",
      action: "synchronize",
      repo,
      sender: move.sender,
      pull: issue,
      before,
      after: move.after,
    });
    dismissStaleApprovals(events, repo, issue, move);
  }

  if (move.after !== undefined) {
    const { suite, created } = findOrCreateCheckSuite(state, repo, move.after, branch);
    if (created) {
      suite.before = move.before ?? zeroSha;
      events.emit({ name: "check_suite", action: "requested", repo, sender: move.sender, suite });
    }
  }
}
