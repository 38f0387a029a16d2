import type { PullIssue } from "../rest/pulls/pull-access.js";
import { placeComment } from "../rest/pulls/review-anchors.js";
import { actorOf, requireRepo } from "../rest/rest-context.js";
import type { RepoState } from "../state/index.js";
import { findThread, threadNodeId, type ReviewThread } from "../state/review-threads.js";
import { asFieldError, FieldError } from "./field-error.js";
import { minimizeRoot } from "./minimize-mutations.js";
import { pullRequestNode } from "./pull-request-node.js";
import type { GraphqlContext } from "./repository-query.js";
import { mayResolve, threadNode } from "./review-thread-node.js";

interface ThreadInput {
  threadId: string;
  clientMutationId?: string | null;
}

/** The thread `id` when the caller may read its pull request; GitHub's NOT_FOUND otherwise. */
function visibleThread(
  { ctx, request }: GraphqlContext,
  id: string,
): { repo: RepoState; issue: PullIssue; thread: ReviewThread } | undefined {
  const found = findThread(ctx.state.repos(), id);
  if (!found) return undefined;
  const notFound = new FieldError("NOT_FOUND", `Could not resolve to a node with the global id of '${id}'.`);
  const scoped = { ...request, params: { owner: found.repo.owner.login, repo: found.repo.name } };
  try {
    requireRepo(ctx, scoped, { permission: "pull_requests", write: false });
  } catch (error) {
    asFieldError(error, notFound);
  }
  const issue = found.repo.issues.get(found.thread.root.pullNumber) as PullIssue;
  return { repo: found.repo, issue, thread: found.thread };
}

/**
 * `resolveReviewThread` / `unresolveReviewThread`: an id the caller cannot see is NOT_FOUND; a
 * caller GitHub does not let resolve (`mayResolve`) FORBIDDEN. A change is announced with
 * `pull_request_review_thread` (`resolved` / `unresolved`); resolving a resolved thread changes nothing.
 */
function threadMutation(resolve: boolean, mutation: "ResolveReviewThread" | "UnresolveReviewThread") {
  return async ({ input }: { input: ThreadInput }, context: GraphqlContext): Promise<Record<string, unknown>> => {
    const found = visibleThread(context, input.threadId);
    if (!found)
      throw new FieldError("NOT_FOUND", `Could not resolve to a node with the global id of '${input.threadId}'.`);
    const { repo, issue, thread } = found;
    const { ctx, request } = context;
    if (!mayResolve(ctx, request, repo, issue)) {
      if (request.principal.kind === "installation")
        throw new FieldError("FORBIDDEN", "Resource not accessible by integration");
      const login = actorOf(ctx, request.principal).login;
      throw new FieldError("FORBIDDEN", `${login} does not have the correct permissions to execute \`${mutation}\``);
    }
    const sender = actorOf(ctx, request.principal);
    if ((thread.root.resolvedBy !== undefined) !== resolve) {
      if (resolve) thread.root.resolvedBy = sender;
      else delete thread.root.resolvedBy;
      const comments = await Promise.all(
        thread.comments.map(async (comment) => ({ comment, placement: await placeComment(ctx, repo, issue, comment) })),
      );
      ctx.events.emit({
        name: "pull_request_review_thread",
        action: resolve ? "resolved" : "unresolved",
        repo,
        sender,
        pull: issue,
        thread: { nodeId: threadNodeId(thread.root), comments },
      });
    }
    return {
      clientMutationId: input.clientMutationId ?? null,
      thread: threadNode(ctx, request, repo, issue, thread, () => pullRequestNode(issue, repo, request)),
    };
  };
}

/** `node(id)` for a review thread; any other id goes to the comments' and reviews' lookup. */
function node(args: { id: string }, context: GraphqlContext): unknown {
  const found = visibleThread(context, args.id);
  if (!found) return minimizeRoot.node(args, context);
  return threadNode(context.ctx, context.request, found.repo, found.issue, found.thread, () =>
    pullRequestNode(found.issue, found.repo, context.request),
  );
}

export const reviewThreadRoot = {
  resolveReviewThread: threadMutation(true, "ResolveReviewThread"),
  unresolveReviewThread: threadMutation(false, "UnresolveReviewThread"),
  node,
};
