import { deleteIssue as deleteIssueFrom } from "../rest/issues/delete-issue.js";
import { findIssue, issuesRepo } from "../rest/issues/issue-access.js";
import { scopedTo, transferIssue as transferIssueTo } from "../rest/issues/transfer-issue.js";
import { requireRepo } from "../rest/rest-context.js";
import { asFieldError, FieldError } from "./field-error.js";
import { asMutation, findItem, unresolved } from "./issue-mutations.js";
import { labelableNode } from "./label-mutations.js";
import { mergeQueueRoot } from "./merge-queue-mutations.js";
import type { GraphqlContext } from "./repository-query.js";

/**
 * `transferIssue` and `deleteIssue` as GitHub's public schema names and types them (inputs
 * `issueId`/`repositoryId`/`createLabelsIfMissing` and `issueId`; payloads `issue` and
 * `repository`), `Repository.issue(number)`, and `Issue.repository`. The rules are the REST
 * side's (`transferIssue`, `deleteIssue` in `src/rest/issues/`). An id that is a pull request's
 * resolves to no issue (NOT_FOUND), as `closeIssue` and `updateIssue` treat it: best reading of
 * how GitHub refuses to transfer or delete a pull request.
 */
export const issueMoveSdl = /* GraphQL */ `
  input TransferIssueInput {
    clientMutationId: String
    """Whether to create labels if they don't exist in the target repository (matched by name)"""
    createLabelsIfMissing: Boolean = false
    """The Node ID of the issue to be transferred"""
    issueId: ID!
    """The Node ID of the repository the issue should be transferred to"""
    repositoryId: ID!
  }

  type TransferIssuePayload {
    clientMutationId: String
    """The issue that was transferred"""
    issue: Issue
  }

  input DeleteIssueInput {
    clientMutationId: String
    """The ID of the issue to delete."""
    issueId: ID!
  }

  type DeleteIssuePayload {
    clientMutationId: String
    """The repository the issue belonged to"""
    repository: Repository
  }

  extend type Repository {
    """Returns a single issue from the current repository by number."""
    issue(number: Int!): Issue
  }

  extend type Issue {
    """The repository associated with this node."""
    repository: Repository!
  }
`;

interface TransferInput {
  issueId: string;
  repositoryId: string;
  createLabelsIfMissing?: boolean | null;
  clientMutationId?: string | null;
}

function transferIssue({ input }: { input: TransferInput }, context: GraphqlContext): Record<string, unknown> {
  const { ctx, request } = context;
  const { repo: from, issue, scoped } = findItem(context, input.issueId, true);
  const to = ctx.state.repos().find((candidate) => candidate.nodeId === input.repositoryId);
  if (!to) throw unresolved(input.repositoryId);
  asMutation(input.repositoryId, () =>
    requireRepo(ctx, scopedTo(request, to), { permission: "metadata", write: false }),
  );
  const moved = asMutation(input.issueId, () =>
    transferIssueTo(ctx, scoped, from, issue, to, input.createLabelsIfMissing === true),
  );
  return { clientMutationId: input.clientMutationId ?? null, issue: labelableNode(to, moved, request) };
}

function deleteIssue(
  { input }: { input: { issueId: string; clientMutationId?: string | null } },
  context: GraphqlContext,
): Record<string, unknown> {
  const { repo, issue, scoped } = findItem(context, input.issueId, true);
  asMutation(input.issueId, () => deleteIssueFrom(context.ctx, scoped, repo, issue));
  const repository = mergeQueueRoot.repository({ owner: repo.owner.login, name: repo.name }, context);
  return { clientMutationId: input.clientMutationId ?? null, repository };
}

/**
 * `repository(owner, name)` with `issue(number)`: the issue, for a caller who may read issues;
 * a pull request's number, a number never used, and one whose issue was transferred away or
 * deleted are null with NOT_FOUND (GraphQL does not follow a transfer as REST's 301 does).
 */
function repository(args: { owner: string; name: string }, context: GraphqlContext): Record<string, unknown> {
  const answer = mergeQueueRoot.repository(args, context);
  return {
    ...answer,
    issue: ({ number }: { number: number }) => {
      const notFound = new FieldError("NOT_FOUND", `Could not resolve to an Issue with the number of ${number}.`);
      const scoped = { ...context.request, params: { owner: args.owner, repo: args.name } };
      const repo = context.ctx.state.getRepo(args.owner, args.name);
      const issue = repo?.issues.get(number);
      if (!repo || !issue || issue.pull) throw notFound;
      try {
        issuesRepo(context.ctx, scoped);
        findIssue(context.ctx, scoped, repo, number);
      } catch (error) {
        asFieldError(error, notFound);
      }
      return labelableNode(repo, issue, context.request);
    },
  };
}

/** The root value: graphql-js calls each root field's function with its arguments and the context. */
export const issueMoveRoot = { transferIssue, deleteIssue, repository };
