import type { SandboxRequest } from "../http/index.js";
import { commentJson } from "../represent/index.js";
import { addIssueComment, editIssueComment } from "../rest/issues/comments.js";
import { openIssue } from "../rest/issues/issue-create.js";
import { checkBody, checkTitle } from "../rest/issues/issue-fields.js";
import { findIssue, issuesRepo, requireIntegrationWrite } from "../rest/issues/issue-access.js";
import { closeIssueAs, editIssue } from "../rest/issues/issue-update.js";
import { linksOf } from "../rest/rest-context.js";
import type { CommentState, IssueState, RepoState } from "../state/index.js";
import { asFieldError, FieldError } from "./field-error.js";
import { labelableNode } from "./label-mutations.js";
import type { GraphqlContext } from "./repository-query.js";

/**
 * `createIssue`, `addComment`, `updateIssueComment`, `closeIssue` and `updateIssue`, as GitHub's public schema
 * names and types them (inputs `repositoryId`/`title`/`body`, `subjectId`/`body`, `id`/`body`,
 * `issueId`/`stateReason`; payloads `issue`, `commentEdge { node }` and `subject`, `issueComment`,
 * `issue`). Each runs the REST endpoint's own code, so it asks the same permissions (an
 * installation: `issues` write, `pull_requests` on a pull request; another's comment is edited
 * only with push access) and announces the same webhooks (`issues.opened`,
 * `issue_comment.created`, `issue_comment.edited` with `changes.body.from`, `issues.closed`); the
 * GraphQL endpoint counts a mutation against the content-creation limit as a REST `POST`.
 */
export const issueSdl = /* GraphQL */ `
  input CreateIssueInput {
    clientMutationId: String
    """The Node ID of the repository."""
    repositoryId: ID!
    """The title for the issue."""
    title: String!
    """The body for the issue description."""
    body: String
  }

  type CreateIssuePayload {
    clientMutationId: String
    """The new issue."""
    issue: Issue
  }

  input AddCommentInput {
    clientMutationId: String
    """The Node ID of the subject to modify."""
    subjectId: ID!
    """The contents of the comment."""
    body: String!
  }

  type IssueCommentEdge {
    cursor: String!
    node: IssueComment
  }

  input UpdateIssueCommentInput {
    clientMutationId: String
    """The ID of the IssueComment to modify."""
    id: ID!
    """The updated text of the comment."""
    body: String!
  }

  type UpdateIssueCommentPayload {
    clientMutationId: String
    """The updated comment."""
    issueComment: IssueComment
  }

  type AddCommentPayload {
    clientMutationId: String
    """The edge from the subject's comment connection."""
    commentEdge: IssueCommentEdge
    """The subject"""
    subject: Node
  }

  """The possible state reasons of a closed issue."""
  enum IssueClosedStateReason {
    COMPLETED
    NOT_PLANNED
    DUPLICATE
  }

  input CloseIssueInput {
    clientMutationId: String
    """ID of the issue to be closed."""
    issueId: ID!
    """The reason the issue is to be closed."""
    stateReason: IssueClosedStateReason
  }

  type CloseIssuePayload {
    clientMutationId: String
    """The issue that was closed."""
    issue: Issue
  }

  """The possible states of an issue."""
  enum IssueState {
    """An issue that has been closed"""
    CLOSED
    """An issue that is still open"""
    OPEN
  }

  input UpdateIssueInput {
    clientMutationId: String
    """The ID of the Issue to modify."""
    id: ID!
    """The title for the issue."""
    title: String
    """The body for the issue description."""
    body: String
    """The desired issue state."""
    state: IssueState
  }

  type UpdateIssuePayload {
    clientMutationId: String
    """The issue."""
    issue: Issue
  }
`;

export const unresolved = (id: string): FieldError =>
  new FieldError("NOT_FOUND", `Could not resolve to a node with the global id of '${id}'.`);

/** A REST refusal as GraphQL reports it; what REST hides behind a 404 is the id not resolving. */
export function asMutation<T>(id: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    return asFieldError(error, unresolved(id));
  }
}

/** The issue (or pull request, by either of its ids) a node id names, as the caller may see it. */
export function findItem(
  { ctx, request }: GraphqlContext,
  id: string,
  issuesOnly: boolean,
): { repo: RepoState; issue: IssueState; scoped: SandboxRequest } {
  for (const repo of ctx.state.repos()) {
    for (const issue of repo.issues.values()) {
      if (issue.nodeId !== id && (issuesOnly || issue.pullNodeId !== id)) continue;
      if (issuesOnly && issue.pull) break;
      const scoped = { ...request, params: { owner: repo.owner.login, repo: repo.name } };
      asMutation(id, () => {
        issuesRepo(ctx, scoped);
        findIssue(ctx, scoped, repo, issue.number);
      });
      return { repo, issue, scoped };
    }
  }
  throw unresolved(id);
}

function createIssue(
  { input }: { input: { repositoryId: string; title: string; body?: string | null; clientMutationId?: string | null } },
  context: GraphqlContext,
): Record<string, unknown> {
  const { ctx, request } = context;
  const repo = [...ctx.state.repos()].find((candidate) => candidate.nodeId === input.repositoryId);
  if (!repo) throw unresolved(input.repositoryId);
  const scoped = { ...request, params: { owner: repo.owner.login, repo: repo.name } };
  const issue = asMutation(input.repositoryId, () => {
    const { actor } = issuesRepo(ctx, scoped);
    requireIntegrationWrite(scoped);
    const title = checkTitle(input.title);
    const body = checkBody(input.body ?? null, "Issue");
    return openIssue(ctx, repo, actor, { title, body });
  });
  return { clientMutationId: input.clientMutationId ?? null, issue: labelableNode(repo, issue, request) };
}

function addComment(
  { input }: { input: { subjectId: string; body: string; clientMutationId?: string | null } },
  context: GraphqlContext,
): Record<string, unknown> {
  const { ctx, request } = context;
  const { repo, issue, scoped } = findItem(context, input.subjectId, false);
  const comment = asMutation(input.subjectId, () => addIssueComment(ctx, scoped, repo, issue, input.body));
  const node = commentNode(repo, comment, request);
  return {
    clientMutationId: input.clientMutationId ?? null,
    commentEdge: { cursor: Buffer.from(`cursor:${comment.id}`).toString("base64"), node },
    subject: labelableNode(repo, issue, request),
  };
}

/** An issue comment as the `IssueComment` type answers it. */
function commentNode(repo: RepoState, comment: CommentState, request: SandboxRequest): Record<string, unknown> {
  return {
    __typename: "IssueComment",
    id: comment.nodeId,
    databaseId: comment.id,
    body: comment.body,
    url: commentJson(repo, comment, linksOf(request)).html_url,
    isMinimized: false,
    minimizedReason: null,
    viewerCanMinimize: true,
  };
}

function updateIssueComment(
  { input }: { input: { id: string; body: string; clientMutationId?: string | null } },
  context: GraphqlContext,
): Record<string, unknown> {
  const { ctx, request } = context;
  for (const repo of ctx.state.repos()) {
    for (const comment of repo.comments.values()) {
      if (comment.nodeId !== input.id) continue;
      const scoped = { ...request, params: { owner: repo.owner.login, repo: repo.name } };
      asMutation(input.id, () => {
        issuesRepo(ctx, scoped);
        const issue = findIssue(ctx, scoped, repo, comment.issueNumber);
        editIssueComment(ctx, scoped, repo, issue, comment, input.body);
      });
      return { clientMutationId: input.clientMutationId ?? null, issueComment: commentNode(repo, comment, request) };
    }
  }
  throw unresolved(input.id);
}

function closeIssue(
  { input }: { input: { issueId: string; stateReason?: string | null; clientMutationId?: string | null } },
  context: GraphqlContext,
): Record<string, unknown> {
  const { ctx, request } = context;
  const { repo, issue, scoped } = findItem(context, input.issueId, true);
  const reasons = { COMPLETED: "completed", NOT_PLANNED: "not_planned", DUPLICATE: "duplicate" } as const;
  const reason = reasons[(input.stateReason ?? "COMPLETED") as keyof typeof reasons];
  asMutation(input.issueId, () => closeIssueAs(ctx, scoped, repo, issue, reason));
  return { clientMutationId: input.clientMutationId ?? null, issue: labelableNode(repo, issue, request) };
}

/**
 * `updateIssue` as GitHub runs it: the REST `PATCH /issues/{n}` code (`editIssue`), so the same
 * permissions, refusals and webhooks (`issues.edited` with `changes`, `closed`/`reopened`). An id
 * that is not an issue's (a pull request's) does not resolve. The sandbox models `title`, `body`
 * and `state`; GitHub's other inputs (assignees, labels, milestone, projects) are refused by the
 * schema with the sandbox's scope.
 */
function updateIssue(
  {
    input,
  }: {
    input: {
      id: string;
      title?: string | null;
      body?: string | null;
      state?: string | null;
      clientMutationId?: string | null;
    };
  },
  context: GraphqlContext,
): Record<string, unknown> {
  const { ctx, request } = context;
  const { repo, issue, scoped } = findItem(context, input.id, true);
  asMutation(input.id, () =>
    editIssue(ctx, scoped, repo, issue, {
      ...(input.title == null ? {} : { title: input.title }),
      ...(input.body == null ? {} : { body: input.body }),
      ...(input.state == null ? {} : { state: input.state === "CLOSED" ? ("closed" as const) : ("open" as const) }),
    }),
  );
  return { clientMutationId: input.clientMutationId ?? null, issue: labelableNode(repo, issue, request) };
}

/** The root value: graphql-js calls each mutation field's function with its arguments and the context. */
export const issueRoot = { createIssue, addComment, updateIssueComment, closeIssue, updateIssue };
