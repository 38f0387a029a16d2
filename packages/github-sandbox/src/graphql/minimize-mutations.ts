import type { SandboxRequest } from "../http/index.js";
import { commentJson } from "../represent/comment.js";
import { pullUrls } from "../represent/pull-request.js";
import { actorOf, linksOf, requireRepo, type RestContext } from "../rest/rest-context.js";
import type { CommentState, RepoState, ReviewCommentState, ReviewState, SandboxUser } from "../state/index.js";
import { asFieldError, FieldError } from "./field-error.js";
import type { GraphqlContext } from "./repository-query.js";

/** Something `Minimizable`: an issue or pull request comment, a review, or a review comment. */
export type Subject =
  | { typename: "IssueComment"; repo: RepoState; item: CommentState }
  | { typename: "PullRequestReview"; repo: RepoState; item: ReviewState }
  | { typename: "PullRequestReviewComment"; repo: RepoState; item: ReviewCommentState };

/** The subject with node id `id`, unless it belongs to someone else's pending review. */
function findSubject(ctx: RestContext, id: string, viewer: SandboxUser): Subject | undefined {
  const pendingOf = (repo: RepoState, reviewId: number): boolean => {
    const review = repo.reviews.get(reviewId);
    return review?.state === "PENDING" && review.user.id !== viewer.id;
  };
  for (const repo of ctx.state.repos()) {
    for (const item of repo.comments.values()) if (item.nodeId === id) return { typename: "IssueComment", repo, item };
    for (const item of repo.reviews.values())
      if (item.nodeId === id && !pendingOf(repo, item.id)) return { typename: "PullRequestReview", repo, item };
    for (const item of repo.reviewComments.values()) {
      if (item.nodeId === id && !pendingOf(repo, item.reviewId))
        return { typename: "PullRequestReviewComment", repo, item };
    }
  }
  return undefined;
}

const writeRoles = new Set(["admin", "maintain", "write"]);

/**
 * Who may hide a comment: its author, or anyone with write access to the repository (GitHub's
 * "Anyone with write access to a repository can hide comments"); an installation needs
 * `issues` or `pull_requests` write.
 */
export function mayMinimize(ctx: RestContext, request: SandboxRequest, subject: Subject): boolean {
  const { principal } = request;
  if (principal.kind === "installation") {
    return ["issues", "pull_requests"].some((name) =>
      ["write", "admin"].includes(principal.permissions[name as "issues"] ?? ""),
    );
  }
  if (principal.kind !== "user") return false;
  const viewer = actorOf(ctx, principal);
  return subject.item.user.id === viewer.id || writeRoles.has(ctx.state.permissionOf(subject.repo, principal.login));
}

/** The subject as GraphQL answers it, read after the mutation. */
function nodeOf(subject: Subject, ctx: RestContext, request: SandboxRequest): Record<string, unknown> {
  const { repo, item } = subject;
  const links = linksOf(request);
  const common = {
    __typename: subject.typename,
    id: item.nodeId,
    databaseId: item.id,
    body: item.body,
    isMinimized: item.minimizedReason !== undefined,
    minimizedReason: item.minimizedReason ?? null,
    viewerCanMinimize: mayMinimize(ctx, request, subject),
  };
  if (subject.typename === "IssueComment") return { ...common, url: commentJson(repo, subject.item, links).html_url };
  const { html } = pullUrls(repo, subject.item.pullNumber, links);
  if (subject.typename === "PullRequestReview")
    return { ...common, state: subject.item.state, url: `${html}#pullrequestreview-${item.id}` };
  return { ...common, path: subject.item.path, url: `${html}#discussion_r${item.id}` };
}

/** The subject `id` as the caller may see it, or GitHub's NOT_FOUND. */
function resolveSubject({ ctx, request }: GraphqlContext, id: string): Subject {
  const notFound = new FieldError("NOT_FOUND", `Could not resolve to a node with the global id of '${id}'.`);
  const subject = findSubject(ctx, id, actorOf(ctx, request.principal));
  if (!subject) throw notFound;
  const scoped = { ...request, params: { owner: subject.repo.owner.login, repo: subject.repo.name } };
  try {
    requireRepo(ctx, scoped, { permission: ["issues", "pull_requests"], write: false });
  } catch (error) {
    asFieldError(error, notFound);
  }
  return subject;
}

/** `OFF_TOPIC` → `off-topic`: `minimizedReason` spells the classifier in lower case with hyphens. */
const reasonOf = (classifier: string): string => classifier.toLowerCase().replaceAll("_", "-");

interface MinimizeInput {
  subjectId: string;
  classifier?: string;
  clientMutationId?: string | null;
}

/**
 * `minimizeComment` / `unminimizeComment` as GitHub runs them: an id the caller cannot see is
 * NOT_FOUND; someone who neither wrote it nor has write access is FORBIDDEN.
 */
function minimizeMutation(minimize: boolean, mutation: "MinimizeComment" | "UnminimizeComment") {
  return ({ input }: { input: MinimizeInput }, context: GraphqlContext): Record<string, unknown> => {
    const subject = resolveSubject(context, input.subjectId);
    const { ctx, request } = context;
    if (!mayMinimize(ctx, request, subject)) {
      const login = actorOf(ctx, request.principal).login;
      throw new FieldError("FORBIDDEN", `${login} does not have the correct permissions to execute \`${mutation}\``);
    }
    if (minimize) subject.item.minimizedReason = reasonOf(input.classifier ?? "");
    else delete subject.item.minimizedReason;
    const node = nodeOf(subject, ctx, request);
    return {
      clientMutationId: input.clientMutationId ?? null,
      [minimize ? "minimizedComment" : "unminimizedComment"]: node,
    };
  };
}

/** `node(id)` for the minimizable subjects; any other id resolves to null, as an unknown id does on GitHub (with NOT_FOUND). */
function nodeQuery({ id }: { id: string }, context: GraphqlContext): Record<string, unknown> {
  return nodeOf(resolveSubject(context, id), context.ctx, context.request);
}

export const minimizeRoot = {
  minimizeComment: minimizeMutation(true, "MinimizeComment"),
  unminimizeComment: minimizeMutation(false, "UnminimizeComment"),
  node: nodeQuery,
};
