import type { SandboxRequest } from "../http/index.js";
import { issueHtmlUrl } from "../represent/issue.js";
import { pullUrls } from "../represent/pull-request.js";
import { findIssue, issuesRepo, requireRole } from "../rest/issues/issue-access.js";
import { setIssueLabels } from "../rest/issues/label-changes.js";
import { actorOf, linksOf, type RestContext } from "../rest/rest-context.js";
import type { IssueState, LabelState, RepoState } from "../state/index.js";
import { asFieldError, FieldError, pageSize } from "./field-error.js";
import { issueEditFields } from "./issue-edits.js";
import { repositoryQuery, type GraphqlContext } from "./repository-query.js";

/**
 * `addLabelsToLabelable` and `removeLabelsFromLabelable`, GitHub's public schema: inputs
 * `labelableId` and `labelIds`, payload `labelable` (an `Issue` or a `PullRequest`). GitHub's
 * reference says only "Adds labels to a labelable object" / "Removes labels from a Labelable
 * object"; it does not say what removing a label the item does not carry answers. The sandbox
 * treats both as set operations (adding a label already there, or removing one that is not,
 * changes nothing and announces nothing), which is how GitHub's own label picker behaves. A
 * client must not rely on it: Autopilot's mirror handles a field error on a removal as well.
 */
export const labelSdl = /* GraphQL */ `
  input AddLabelsToLabelableInput {
    clientMutationId: String
    """The id of the labelable object to add labels to."""
    labelableId: ID!
    """The ids of the labels to add."""
    labelIds: [ID!]!
  }

  type AddLabelsToLabelablePayload {
    clientMutationId: String
    """The item that was labeled."""
    labelable: Labelable
  }

  input RemoveLabelsFromLabelableInput {
    clientMutationId: String
    """The id of the Labelable to remove labels from."""
    labelableId: ID!
    """The ids of labels to remove."""
    labelIds: [ID!]!
  }

  type RemoveLabelsFromLabelablePayload {
    clientMutationId: String
    """The Labelable the labels were removed from."""
    labelable: Labelable
  }

  """An object that can have labels assigned to it."""
  interface Labelable {
    labels(first: Int, after: String): LabelConnection
  }

  type Label {
    id: ID!
    name: String!
    color: String!
    description: String
  }

  type LabelConnection {
    nodes: [Label]
    totalCount: Int!
  }

  type Issue implements Node & Labelable {
    id: ID!
    number: Int!
    title: String!
    """Identifies the state of the issue."""
    state: IssueState!
    """Identifies the body of the issue."""
    body: String!
    url: URI!
    labels(first: Int, after: String): LabelConnection
  }
`;

interface LabelsInput {
  labelableId: string;
  labelIds: string[];
  clientMutationId?: string | null;
}

const unresolved = (id: string): FieldError =>
  new FieldError("NOT_FOUND", `Could not resolve to a node with the global id of '${id}'.`);

/** The issue or pull request with node id `id` (a pull request answers to its own id and its issue's). */
function findLabelable(ctx: RestContext, id: string): { repo: RepoState; issue: IssueState } | undefined {
  for (const repo of ctx.state.repos()) {
    for (const issue of repo.issues.values())
      if (issue.nodeId === id || issue.pullNodeId === id) return { repo, issue };
  }
  return undefined;
}

/** `labels(first:)` as GitHub pages it: by name, at most 100. */
function labelConnection(issue: IssueState) {
  return ({ first }: { first?: number | null }) => {
    const size = pageSize(first, "labels");
    const sorted = [...issue.labels].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
    return {
      totalCount: sorted.length,
      nodes: sorted.slice(0, size).map((label) => ({
        id: label.nodeId,
        name: label.name,
        color: label.color,
        description: label.description,
      })),
    };
  };
}

/** The labelable as the payload shows it, read after the change. */
export function labelableNode(repo: RepoState, issue: IssueState, request: SandboxRequest): Record<string, unknown> {
  const links = linksOf(request);
  const common = { number: issue.number, title: issue.title, labels: labelConnection(issue) };
  if (issue.pull) {
    return {
      __typename: "PullRequest",
      ...common,
      id: issue.pullNodeId,
      isDraft: issue.pull.draft,
      state: issue.pull.merged ? "MERGED" : issue.state.toUpperCase(),
      merged: issue.pull.merged,
      headRefName: issue.pull.head.ref,
      baseRefName: issue.pull.base.ref,
      url: pullUrls(repo, issue.number, links).html,
    };
  }
  return {
    __typename: "Issue",
    ...common,
    id: issue.nodeId,
    state: issue.state.toUpperCase(),
    body: issue.body ?? "",
    url: issueHtmlUrl(repo, issue, links),
    ...issueEditFields(issue),
    // `Issue.repository`, resolved only when asked for, with the caller's own access to it
    repository: (_args: unknown, context: GraphqlContext) =>
      repositoryQuery({ owner: repo.owner.login, name: repo.name }, context),
  };
}

/**
 * One label mutation as GitHub runs it, with the REST endpoints' rules (`POST`/`DELETE
 * /issues/{n}/labels`): an id nobody may see is NOT_FOUND; an installation needs `issues` write
 * (or `pull_requests` write on a pull request), a user triage or more, else FORBIDDEN with
 * REST's message. Every label id must be a label of the item's repository (NOT_FOUND
 * otherwise: a label deleted since has no node any more). Each label actually added or removed
 * is announced as REST announces it (`issues.labeled`/`unlabeled`, `pull_request.labeled`/
 * `unlabeled`), with the caller (the app's bot for an installation) as sender.
 */
function labelMutation(change: "add" | "remove") {
  return ({ input }: { input: LabelsInput }, { ctx, request }: GraphqlContext): Record<string, unknown> => {
    const found = findLabelable(ctx, input.labelableId);
    if (!found) throw unresolved(input.labelableId);
    const { repo, issue } = found;
    const scoped = { ...request, params: { owner: repo.owner.login, repo: repo.name } };
    try {
      issuesRepo(ctx, scoped);
      findIssue(ctx, scoped, repo, issue.number);
    } catch (error) {
      asFieldError(error, unresolved(input.labelableId));
    }
    try {
      requireRole(ctx, scoped, repo, "triage", { issue });
    } catch (error) {
      asFieldError(error, unresolved(input.labelableId));
    }
    const labels: LabelState[] = input.labelIds.map((id) => {
      const label = [...repo.labels.values()].find((candidate) => candidate.nodeId === id);
      if (!label) throw unresolved(id);
      return label;
    });
    const sender = actorOf(ctx, request.principal);
    const ids = new Set(labels.map((label) => label.id));
    const next =
      change === "add"
        ? [...issue.labels, ...labels.filter((label) => !issue.labels.some((had) => had.id === label.id))]
        : issue.labels.filter((had) => !ids.has(had.id));
    setIssueLabels(ctx, repo, sender, issue, next);
    return { clientMutationId: input.clientMutationId ?? null, labelable: labelableNode(repo, issue, request) };
  };
}

/** The root value: graphql-js calls each mutation field's function with its arguments and the context. */
export const labelRoot = {
  addLabelsToLabelable: labelMutation("add"),
  removeLabelsFromLabelable: labelMutation("remove"),
};
