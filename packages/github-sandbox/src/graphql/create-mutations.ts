import { GitStoreError } from "../git/index.js";
import { SandboxHttpError, type SandboxRequest } from "../http/index.js";
import { pullRepo } from "../rest/pulls/pull-access.js";
import { openPullAs } from "../rest/pulls/create-pull.js";
import { createRefAs } from "../rest/repos/git-refs.js";
import { writeContents } from "../rest/repos/shared.js";
import { requireRepo } from "../rest/rest-context.js";
import type { RepoState } from "../state/index.js";
import { asFieldError, FieldError } from "./field-error.js";
import { refNode } from "./commit-mutations.js";
import { pullRequestNode } from "./pull-request-node.js";
import type { GraphqlContext } from "./repository-query.js";

/**
 * `createRef` and `createPullRequest`, as GitHub's public schema names and types them. Each runs
 * the REST endpoint's own code (`POST /git/refs`, `POST /pulls`), so it asks the same permissions
 * (an installation: `contents` write for a ref, `pull_requests` write for a pull request), refuses
 * what REST refuses and announces the same webhooks (`create` and `push`; `pull_request.opened`).
 * The GraphQL endpoint counts the request against the content-creation limit as a REST `POST`.
 * Refusals are GitHub's: a ref that exists is UNPROCESSABLE `A ref named "refs/heads/x" already
 * exists in the repository.`; a pull request REST refuses with 422 is UNPROCESSABLE with REST's
 * validation messages joined (`A pull request already exists for acme:x.`, `No commits between
 * main and x`).
 */
export const createSdl = /* GraphQL */ `
  input CreateRefInput {
    clientMutationId: String
    """The fully qualified name of the new Ref (ie: refs/heads/my_new_branch)."""
    name: String!
    """The GitObjectID that the new Ref shall target. Must point to a commit."""
    oid: GitObjectID!
    """The Node ID of the Repository to create the Ref in."""
    repositoryId: ID!
  }

  type CreateRefPayload {
    clientMutationId: String
    """The newly created ref."""
    ref: Ref
  }

  input CreatePullRequestInput {
    """The name of the branch you want your changes pulled into."""
    baseRefName: String!
    body: String
    clientMutationId: String
    draft: Boolean = false
    """The name of the branch where your changes are implemented."""
    headRefName: String!
    """The Node ID of the head repository (a fork's; the sandbox takes the base repository's only)."""
    headRepositoryId: ID
    maintainerCanModify: Boolean = true
    """The Node ID of the repository."""
    repositoryId: ID!
    title: String!
  }

  type CreatePullRequestPayload {
    clientMutationId: String
    """The new pull request."""
    pullRequest: PullRequest
  }
`;

const unresolved = (id: string): FieldError =>
  new FieldError("NOT_FOUND", `Could not resolve to a node with the global id of '${id}'.`);

/** The repository a node id names, with a request scoped to it (as REST's path would name it). */
function repositoryById({ ctx, request }: GraphqlContext, id: string): { repo: RepoState; scoped: SandboxRequest } {
  const repo = [...ctx.state.repos()].find((candidate) => candidate.nodeId === id);
  if (!repo) throw unresolved(id);
  return { repo, scoped: { ...request, params: { owner: repo.owner.login, repo: repo.name } } };
}

/** REST's 422 validation errors as GraphQL joins them into one message. */
function validationMessage(error: SandboxHttpError): string {
  const listed = (error.extra.errors ?? []).map((entry) => {
    if (typeof entry === "string") return entry;
    if (entry.message) return entry.message;
    if (entry.field === "head") return "Head sha can't be blank";
    if (entry.field === "base") return "Base sha can't be blank";
    return `${entry.field ?? "field"} is ${entry.code}`;
  });
  return listed.length > 0 ? listed.join(", ") : error.message;
}

async function createRef(
  { input }: { input: { repositoryId: string; name: string; oid: string; clientMutationId?: string | null } },
  context: GraphqlContext,
): Promise<Record<string, unknown>> {
  const { repo, scoped } = repositoryById(context, input.repositoryId);
  try {
    requireRepo(context.ctx, scoped, writeContents);
    await createRefAs(context.ctx, scoped, repo, input.name, input.oid);
  } catch (error) {
    if (error instanceof GitStoreError && error.message === "Reference already exists")
      throw new FieldError("UNPROCESSABLE", `A ref named "${input.name}" already exists in the repository.`);
    if (error instanceof GitStoreError && error.status === 422) throw new FieldError("UNPROCESSABLE", error.message);
    asFieldError(error, unresolved(input.repositoryId));
  }
  return { clientMutationId: input.clientMutationId ?? null, ref: refNode(context, repo, input.name) };
}

interface CreatePullRequestInput {
  repositoryId: string;
  baseRefName: string;
  headRefName: string;
  headRepositoryId?: string | null;
  title: string;
  body?: string | null;
  draft?: boolean | null;
  maintainerCanModify?: boolean | null;
  clientMutationId?: string | null;
}

async function createPullRequest(
  { input }: { input: CreatePullRequestInput },
  context: GraphqlContext,
): Promise<Record<string, unknown>> {
  const { repo, scoped } = repositoryById(context, input.repositoryId);
  if (input.headRepositoryId && input.headRepositoryId !== input.repositoryId)
    throw new FieldError("UNPROCESSABLE", "The sandbox opens pull requests from the base repository's own branches.");
  try {
    pullRepo(context.ctx, scoped, { write: true, push: false });
    const issue = await openPullAs(context.ctx, scoped, repo, {
      title: input.title,
      head: input.headRefName,
      base: input.baseRefName,
      ...(input.body == null ? {} : { body: input.body }),
      draft: input.draft ?? false,
      maintainer_can_modify: input.maintainerCanModify ?? true,
    });
    return {
      clientMutationId: input.clientMutationId ?? null,
      pullRequest: pullRequestNode(issue, repo, context.request),
    };
  } catch (error) {
    if (error instanceof SandboxHttpError && error.status === 422)
      throw new FieldError("UNPROCESSABLE", validationMessage(error));
    return asFieldError(error, unresolved(input.repositoryId));
  }
}

/** The root value: graphql-js calls each mutation field's function with its arguments and the context. */
export const createRoot = { createRef, createPullRequest };
