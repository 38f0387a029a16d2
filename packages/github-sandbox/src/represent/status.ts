import type { CommitStatusState, RepoState } from "../state/index.js";
import type { Links } from "./links.js";
import { userJson } from "./user.js";

const avatarOf = (status: CommitStatusState, links: Links): string => `${links.web}/avatars/u/${status.creator.id}?v=4`;

/** GitHub's `status` (`POST /statuses/{sha}`, `GET /commits/{ref}/statuses`, the `status` webhook's fields). */
export function statusJson(repo: RepoState, status: CommitStatusState, links: Links): Record<string, unknown> {
  return {
    url: `${links.api}/repos/${repo.fullName}/statuses/${status.sha}`,
    avatar_url: avatarOf(status, links),
    id: status.id,
    node_id: status.nodeId,
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    created_at: status.createdAt,
    updated_at: status.updatedAt,
    creator: userJson(status.creator, links),
  };
}

/** GitHub's `simple-commit-status`, one entry of a combined status: the status without its creator. */
export function simpleStatusJson(repo: RepoState, status: CommitStatusState, links: Links): Record<string, unknown> {
  const { creator: _creator, ...simple } = statusJson(repo, status, links);
  return simple;
}
