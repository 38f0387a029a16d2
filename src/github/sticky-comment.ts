import { redactSecrets } from "../core/secrets/index.js";
import type { GithubClient, RepoRef } from "./client.js";

export interface StickyCommentTarget extends RepoRef {
  issueNumber: number;
  /** Names the comment among the app's others on the thread: `review`, `owner-questions`. */
  key: string;
  /**
   * The app's bot login (`<slug>[bot]`). Without it any bot's comment carrying the marker counts;
   * a person's never does, so nobody can hijack the comment by pasting the marker.
   */
  author?: string;
}

export interface UpsertStickyCommentOptions extends StickyCommentTarget {
  /** Markdown; the marker is added in front. */
  body: string;
  /** The comment as `findStickyComment` just found it (null: not there); read again when absent. */
  known?: StickyComment | null;
}

export interface StickyComment {
  id: number;
  body: string;
  url: string;
  /** its GraphQL node id (`updateIssueComment` edits it by that id) */
  nodeId?: string;
}

export interface UpsertStickyCommentResult {
  id: number;
  /** where the comment is on GitHub */
  url: string;
  created: boolean;
  updated: boolean;
}

/** The hidden HTML comment that identifies a sticky comment; GitHub renders it as nothing. */
export const stickyMarker = (key: string): string => `<!-- autopilot:${key} -->`;

/** The body as posted: a comment quotes issue, PR and model text, so no credential is ever posted. */
export const withMarker = (key: string, body: string): string => `${stickyMarker(key)}\n${redactSecrets(body).text}`;

/**
 * The app's comment for `key` on an issue or PR conversation, the oldest if a race ever left two.
 * Reads every page of comments (100 per call).
 */
export async function findStickyComment(
  octokit: GithubClient,
  target: StickyCommentTarget,
): Promise<StickyComment | undefined> {
  return (await findStickyComments(octokit, target, [target.key])).get(target.key);
}

/** Several keys' comments on one thread from one reading of its comments. */
export async function findStickyComments(
  octokit: GithubClient,
  target: Omit<StickyCommentTarget, "key">,
  keys: readonly string[],
): Promise<Map<string, StickyComment>> {
  const { owner, repo, issueNumber, author } = target;
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  const found = new Map<string, StickyComment>();
  for (const key of keys) {
    const marker = stickyMarker(key);
    const comment = comments.find(
      (item) =>
        item.user?.type === "Bot" &&
        (author === undefined || item.user.login === author) &&
        (item.body ?? "").startsWith(marker),
    );
    if (comment)
      found.set(key, { id: comment.id, body: comment.body ?? "", url: comment.html_url, nodeId: comment.node_id });
  }
  return found;
}

/**
 * One comment per key per thread, kept current: creates it the first time, updates it when the
 * body changed, and writes nothing when it is already as wanted, so a redelivered webhook neither
 * duplicates the comment nor bumps it.
 */
export async function upsertStickyComment(
  octokit: GithubClient,
  options: UpsertStickyCommentOptions,
): Promise<UpsertStickyCommentResult> {
  const { owner, repo, issueNumber, key, body } = options;
  const wanted = withMarker(key, body);
  // a caller that has just looked the comment up passes it (or null: not there) to save the listing
  const existing =
    options.known === undefined ? await findStickyComment(octokit, options) : (options.known ?? undefined);
  if (existing === undefined) {
    const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body: wanted });
    return { id: data.id, url: data.html_url, created: true, updated: false };
  }
  if (existing.body === wanted) return { id: existing.id, url: existing.url, created: false, updated: false };
  await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body: wanted });
  return { id: existing.id, url: existing.url, created: false, updated: true };
}
