import type { SandboxRequest } from "../http/index.js";
import type { CommentPlacement } from "../represent/review-comment.js";
import { pullUrls } from "../represent/pull-request.js";
import type { PullIssue } from "../rest/pulls/pull-access.js";
import { placeComment } from "../rest/pulls/review-anchors.js";
import { linksOf, type RestContext } from "../rest/rest-context.js";
import type { RepoState, ReviewCommentState, SandboxUser } from "../state/index.js";
import { reviewThreadsOf, threadNodeId, type ReviewThread } from "../state/review-threads.js";
import { connectionOf, type PageArgs } from "./connection.js";
import { mayMinimize } from "./minimize-mutations.js";
import type { GraphqlContext } from "./repository-query.js";

/** An `Actor`: a person is a `User`; an app's bot a `Bot`, whose GraphQL login has no `[bot]`. */
export function actorNode(user: SandboxUser): Record<string, unknown> {
  if (user.type === "Bot") return { __typename: "Bot", id: user.nodeId, login: user.login.replace(/\[bot\]$/, "") };
  return { __typename: "User", id: user.nodeId, login: user.login };
}

const writeRoles = new Set(["admin", "maintain", "write"]);
const writes = (level: string | undefined): boolean => level === "write" || level === "admin";

/**
 * Who may resolve and unresolve a pull request's threads, as GitHub documents it: the person who
 * opened the pull request, or anyone with write access. An installation needs `pull_requests:
 * write` and, as GitHub's reports of `resolveReviewThread` refused without it say, `contents: write`.
 */
export function mayResolve(ctx: RestContext, request: SandboxRequest, repo: RepoState, issue: PullIssue): boolean {
  const { principal } = request;
  if (principal.kind === "installation")
    return writes(principal.permissions.pull_requests) && writes(principal.permissions.contents);
  if (principal.kind !== "user") return false;
  if (issue.user.login.toLowerCase() === principal.login.toLowerCase()) return true;
  return writeRoles.has(ctx.state.permissionOf(repo, principal.login));
}

/** A `PullRequestReviewComment` of a thread, with its author. */
function commentNode(
  ctx: RestContext,
  request: SandboxRequest,
  repo: RepoState,
  comment: ReviewCommentState,
): Record<string, unknown> {
  const { html } = pullUrls(repo, comment.pullNumber, linksOf(request));
  return {
    __typename: "PullRequestReviewComment",
    id: comment.nodeId,
    databaseId: comment.id,
    body: comment.body,
    path: comment.path,
    url: `${html}#discussion_r${comment.id}`,
    author: actorNode(comment.user),
    isMinimized: comment.minimizedReason !== undefined,
    minimizedReason: comment.minimizedReason ?? null,
    viewerCanMinimize: () => mayMinimize(ctx, request, { typename: "PullRequestReviewComment", repo, item: comment }),
  };
}

/**
 * A `PullRequestReviewThread`: where its first comment is at the head now (`line` null and
 * `isOutdated` once a push changed its line, as REST's `position: null`), whether and by whom it
 * was resolved (`resolvedBy` is a `User`: null when an app resolved it), and what the viewer may do.
 * `pullRequest` builds its pull request (passed in: the pull request's node reads its threads).
 */
export function threadNode(
  ctx: RestContext,
  request: SandboxRequest,
  repo: RepoState,
  issue: PullIssue,
  thread: ReviewThread,
  pullRequest: () => Record<string, unknown>,
): Record<string, unknown> {
  const { root } = thread;
  let placed: Promise<CommentPlacement> | undefined;
  const placement = (): Promise<CommentPlacement> => {
    placed ??= placeComment(ctx, repo, issue, root);
    return placed;
  };
  const resolved = root.resolvedBy !== undefined;
  const may = mayResolve(ctx, request, repo, issue);
  return {
    __typename: "PullRequestReviewThread",
    id: threadNodeId(root),
    path: root.path,
    diffSide: root.side,
    originalLine: root.originalLine,
    originalStartLine: root.originalStartLine,
    line: async () => (await placement()).line,
    startLine: async () => (await placement()).startLine,
    isOutdated: async () => (await placement()).line === null,
    isResolved: resolved,
    resolvedBy: root.resolvedBy && root.resolvedBy.type !== "Bot" ? actorNode(root.resolvedBy) : null,
    viewerCanReply: request.principal.kind === "user" || writes(principalPermission(request, "pull_requests")),
    viewerCanResolve: may && !resolved,
    viewerCanUnresolve: may && resolved,
    comments: (args: PageArgs) =>
      connectionOf(thread.comments, args, "comments", (comment) => commentNode(ctx, request, repo, comment)),
    pullRequest,
  };
}

const principalPermission = (request: SandboxRequest, name: "pull_requests"): string | undefined =>
  request.principal.kind === "installation" ? request.principal.permissions[name] : undefined;

/** `PullRequest.reviewThreads(first, after)`: the pull request's published threads, oldest first. */
export function reviewThreadsField(
  repo: RepoState,
  issue: PullIssue,
  request: SandboxRequest,
  pullRequest: () => Record<string, unknown>,
) {
  return (args: PageArgs, { ctx }: GraphqlContext): Record<string, unknown> =>
    connectionOf(reviewThreadsOf(repo, issue.number), args, "reviewThreads", (thread) =>
      threadNode(ctx, request, repo, issue, thread, pullRequest),
    );
}
