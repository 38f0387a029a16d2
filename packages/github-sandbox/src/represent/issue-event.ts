import type { IssueEventState, RepoState } from "../state/index.js";
import type { Links } from "./links.js";
import { userJson } from "./user.js";

/** What the event's kind adds to the common fields: its label, its commit, the dismissed review. */
function detailJson(repo: RepoState, event: IssueEventState, links: Links): Record<string, unknown> {
  const commit = (sha: string | null) => ({
    commit_id: sha,
    commit_url: sha === null ? null : `${links.api}/repos/${repo.fullName}/commits/${sha}`,
  });
  switch (event.event) {
    case "labeled":
    case "unlabeled":
      return { ...commit(null), label: { name: event.label.name, color: event.label.color } };
    case "merged":
      return commit(event.commitId);
    case "review_dismissed": {
      const review = event.dismissedReview;
      return {
        ...commit(null),
        dismissed_review: {
          // lower case here, unlike a review's own `state`
          state: review.previousState.toLowerCase(),
          review_id: review.reviewId,
          dismissal_message: review.message,
          dismissal_commit_id: review.commitId,
        },
      };
    }
    default:
      return commit(null);
  }
}

/**
 * GitHub's `issue-event-for-issue`, as `GET /issues/{n}/events` lists it. `performed_via_github_app`
 * stays null even for an app's bot, as the sandbox's comments and issues leave it.
 */
export function issueEventJson(repo: RepoState, event: IssueEventState, links: Links): Record<string, unknown> {
  return {
    id: event.id,
    node_id: event.nodeId,
    url: `${links.api}/repos/${repo.fullName}/issues/events/${event.id}`,
    actor: userJson(event.actor, links),
    event: event.event,
    created_at: event.createdAt,
    performed_via_github_app: null,
    ...detailJson(repo, event, links),
  };
}
