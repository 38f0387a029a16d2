import { SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import { commentJson } from "../../represent/index.js";
import { legacyNodeId, type CommentState, type IssueState, type RepoState } from "../../state/index.js";
import { actorOf, linksOf, type HandlerRegistry, type RestContext, pagedList } from "../rest-context.js";
import {
  atLeast,
  findIssue,
  issuesRepo,
  readsIssues,
  requireIntegrationWrite,
  requireRole,
  roleOf,
} from "./issue-access.js";
import { checkBody } from "./issue-fields.js";

const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

const updatedSince = (request: SandboxRequest): ((comment: CommentState) => boolean) => {
  const since = text(request.query.since);
  return since ? (comment) => Date.parse(comment.updatedAt) >= Date.parse(since) : () => true;
};

/** A comment's body: not blank (422 `missing_field`) and within GitHub's size limit. */
function commentBody(body: unknown): string {
  const value = typeof body === "string" ? body : "";
  if (value.trim() === "") {
    throw new SandboxHttpError(422, "Validation Failed", {
      errors: [{ resource: "IssueComment", code: "missing_field", field: "body" }],
    });
  }
  return checkBody(value, "IssueComment");
}

/**
 * A new comment on an issue or pull request, as `POST /issues/{n}/comments` and GraphQL's
 * `addComment` make it: an installation needs `issues` write (`pull_requests` on a pull request),
 * the body must not be blank, a locked conversation takes comments only from push access.
 * Announces `issue_comment.created`.
 */
export function addIssueComment(
  ctx: RestContext,
  request: SandboxRequest,
  repo: RepoState,
  issue: IssueState,
  rawBody: unknown,
): CommentState {
  requireIntegrationWrite(request, issue);
  const body = commentBody(rawBody);
  if (issue.locked && !atLeast(roleOf(ctx, request, repo, issue), "write")) {
    throw new SandboxHttpError(403, "Unable to create comment because issue is locked.");
  }
  const actor = actorOf(ctx, request.principal);
  const id = ctx.state.nextId();
  const now = ctx.state.iso();
  const comment: CommentState = {
    id,
    nodeId: legacyNodeId("IssueComment", id),
    issueNumber: issue.number,
    body,
    user: actor,
    createdAt: now,
    updatedAt: now,
  };
  repo.comments.set(id, comment);
  issue.updatedAt = now;
  ctx.events.emit({ name: "issue_comment", action: "created", repo, sender: actor, issue, comment });
  return comment;
}

/**
 * A comment's new body, as `PATCH /issues/comments/{id}` and GraphQL's `updateIssueComment` set
 * it: its author, or anyone with push access (an installation: `issues` write, `pull_requests`
 * on a pull request), the body not blank. A changed body announces `issue_comment.edited` with
 * `changes.body.from`; the same body changes nothing and announces nothing.
 */
export function editIssueComment(
  ctx: RestContext,
  request: SandboxRequest,
  repo: RepoState,
  issue: IssueState,
  comment: CommentState,
  rawBody: unknown,
): CommentState {
  requireRole(ctx, request, repo, "write", { issue, author: comment.user });
  const body = commentBody(rawBody);
  if (body !== comment.body) {
    const changes = { body: { from: comment.body } };
    comment.body = body;
    comment.updatedAt = ctx.state.iso();
    const sender = actorOf(ctx, request.principal);
    ctx.events.emit({ name: "issue_comment", action: "edited", repo, sender, issue, comment, changes });
  }
  return comment;
}

/**
 * Issue comments, which are also a pull request's conversation comments (one number space).
 * Anyone who can see the repository may comment, except on a locked conversation, where only
 * push access may (403 "Unable to create comment because issue is locked."). Authors edit and
 * delete their own comments; others' need push access. Installations need `issues` write, or
 * `pull_requests` write on a pull request. Announces `issue_comment` created, edited, deleted.
 */
export function registerCommentHandlers(server: HandlerRegistry, ctx: RestContext): void {
  /** The comment in the path, with its repository and issue, as the caller may see it. */
  const pathComment = (request: SandboxRequest) => {
    const { repo, actor } = issuesRepo(ctx, request);
    const comment = repo.comments.get(Number(request.params.comment_id));
    if (!comment) throw new SandboxHttpError(404, "Not Found");
    const issue = findIssue(ctx, request, repo, comment.issueNumber);
    return { repo, actor, comment, issue };
  };
  const answer = (repo: RepoState, comments: readonly CommentState[], request: SandboxRequest) => {
    const links = linksOf(request);
    return pagedList(comments, request, (comment) => commentJson(repo, comment, links));
  };

  server.register("issues/list-comments", async (request) => {
    const { repo } = issuesRepo(ctx, request);
    const issue = findIssue(ctx, request, repo, Number(request.params.issue_number));
    const since = updatedSince(request);
    const comments = [...repo.comments.values()].filter(
      (comment) => comment.issueNumber === issue.number && since(comment),
    );
    return answer(
      repo,
      comments.sort((a, b) => a.id - b.id),
      request,
    );
  });

  // GitHub orders by `sort` (created or updated), ascending unless `direction` says desc.
  server.register("issues/list-comments-for-repo", async (request) => {
    const { repo } = issuesRepo(ctx, request);
    const since = updatedSince(request);
    const visible = readsIssues(request)
      ? () => true
      : (comment: CommentState) => repo.issues.get(comment.issueNumber)?.pull !== undefined;
    const byUpdated = request.query.sort === "updated";
    const sign = request.query.direction === "desc" ? -1 : 1;
    const key = (comment: CommentState): number =>
      byUpdated ? Date.parse(comment.updatedAt) : Date.parse(comment.createdAt);
    const comments = [...repo.comments.values()].filter((comment) => since(comment) && visible(comment));
    return answer(
      repo,
      comments.sort((a, b) => sign * (key(a) - key(b) || a.id - b.id)),
      request,
    );
  });

  server.register("issues/get-comment", async (request) => {
    const { repo, comment } = pathComment(request);
    return { status: 200, body: commentJson(repo, comment, linksOf(request)) };
  });

  server.register("issues/create-comment", async (request) => {
    const { repo } = issuesRepo(ctx, request);
    const issue = findIssue(ctx, request, repo, Number(request.params.issue_number));
    const comment = addIssueComment(ctx, request, repo, issue, (request.body as { body?: unknown }).body);
    const json = commentJson(repo, comment, linksOf(request));
    return { status: 201, body: json, headers: { location: String(json.url) } };
  });

  server.register("issues/update-comment", async (request) => {
    const { repo, comment, issue } = pathComment(request);
    editIssueComment(ctx, request, repo, issue, comment, (request.body as { body?: unknown }).body);
    return { status: 200, body: commentJson(repo, comment, linksOf(request)) };
  });

  // Deleting a comment deletes its reactions too.
  server.register("issues/delete-comment", async (request) => {
    const { repo, actor, comment, issue } = pathComment(request);
    requireRole(ctx, request, repo, "write", { issue, author: comment.user });
    repo.comments.delete(comment.id);
    for (const [id, reaction] of repo.reactions) {
      if (reaction.subject.kind === "issue_comment" && reaction.subject.id === comment.id) repo.reactions.delete(id);
    }
    ctx.events.emit({ name: "issue_comment", action: "deleted", repo, sender: actor, issue, comment });
    return { status: 204 };
  });
}
