import type { RepoState, ReviewCommentState } from "./repo-state.js";
import { legacyNodeId } from "./sandbox-user.js";

/** A review thread: a line comment that replies to none, and the replies to it, oldest first. */
export interface ReviewThread {
  root: ReviewCommentState;
  comments: ReviewCommentState[];
}

/** The thread's node id (`PullRequestReviewThread`), derived from its first comment's id. */
export const threadNodeId = (root: ReviewCommentState): string => legacyNodeId("PullRequestReviewThread", root.id);

/** GitHub's refusal of a merge while a thread is unresolved (classic protection and rulesets alike). */
export const unresolvedConversationMessage = "A conversation must be resolved before this pull request can be merged.";

/** Whether a comment is published: a pending review's comments are no conversation yet. */
const published = (repo: RepoState, comment: ReviewCommentState): boolean =>
  repo.reviews.get(comment.reviewId)?.state !== "PENDING";

/** The pull request's threads, oldest first, each with its published comments. */
export function reviewThreadsOf(repo: RepoState, pullNumber: number): ReviewThread[] {
  const comments = [...repo.reviewComments.values()]
    .filter((comment) => comment.pullNumber === pullNumber && published(repo, comment))
    .sort((a, b) => a.id - b.id);
  const threads = new Map<number, ReviewThread>();
  for (const comment of comments) {
    if (comment.inReplyToId === undefined) threads.set(comment.id, { root: comment, comments: [comment] });
    else threads.get(comment.inReplyToId)?.comments.push(comment);
  }
  return [...threads.values()];
}

/** The thread with node id `id`, with its repository; undefined when no published thread has it. */
export function findThread(
  repos: Iterable<RepoState>,
  id: string,
): { repo: RepoState; thread: ReviewThread } | undefined {
  for (const repo of repos) {
    for (const comment of repo.reviewComments.values()) {
      if (comment.inReplyToId !== undefined || threadNodeId(comment) !== id) continue;
      const thread = reviewThreadsOf(repo, comment.pullNumber).find((candidate) => candidate.root.id === comment.id);
      return thread ? { repo, thread } : undefined;
    }
  }
  return undefined;
}

/**
 * Whether the pull request has a thread nobody resolved. Outdated threads count too: GitHub's
 * conversation resolution asks for every conversation on the code, wherever its line went.
 */
export const hasUnresolvedThread = (repo: RepoState, pullNumber: number): boolean =>
  reviewThreadsOf(repo, pullNumber).some((thread) => thread.root.resolvedBy === undefined);
