import { SandboxHttpError, type SandboxRequest, type SandboxResponse } from "../../../http/index.js";
import { pullUrls } from "../../../represent/pull-request.js";
import type { RepoState } from "../../../state/index.js";
import { actorOf, linksOf, type RestContext } from "../../rest-context.js";
import { setDraft } from "../draft-state.js";
import { canPush, pullRepo, type PullIssue } from "../pull-access.js";
import { GraphqlSyntaxError, parseGraphql, resolveValue, type GraphqlField } from "./parse-graphql.js";

/** The mutations the sandbox implements, and the draft state each leaves behind. */
const mutations: Record<string, { draft: boolean; type: string }> = {
  markPullRequestReadyForReview: { draft: false, type: "MarkPullRequestReadyForReviewPayload" },
  convertPullRequestToDraft: { draft: true, type: "ConvertPullRequestToDraftPayload" },
};
const scope = "The sandbox's GraphQL API implements only the mutations markPullRequestReadyForReview and convertPullRequestToDraft";

type PullFieldValue = (issue: PullIssue, repo: RepoState, request: SandboxRequest) => unknown;
const pullRequestFields: Record<string, PullFieldValue> = {
  __typename: () => "PullRequest",
  id: (issue) => issue.pullNodeId,
  number: (issue) => issue.number,
  isDraft: (issue) => issue.pull.draft,
  title: (issue) => issue.title,
  state: (issue) => (issue.pull.merged ? "MERGED" : issue.state.toUpperCase()),
  merged: (issue) => issue.pull.merged,
  headRefName: (issue) => issue.pull.head.ref,
  baseRefName: (issue) => issue.pull.base.ref,
  url: (issue, repo, request) => pullUrls(repo, issue.number, linksOf(request)).html,
};

interface GraphqlError {
  message: string;
  type?: string;
  path?: string[];
  locations?: { line: number; column: number }[];
}

/** A mutation that could not run: GitHub's `type` (NOT_FOUND, FORBIDDEN, UNPROCESSABLE) and message. */
class FieldError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const at = (field: GraphqlField): { line: number; column: number }[] => [{ line: field.line, column: field.column }];

/** Every problem GitHub's validation would report before running anything. */
function validate(fields: GraphqlField[]): GraphqlError[] {
  const errors: GraphqlError[] = [];
  const known = (field: GraphqlField, names: readonly string[], type: string): boolean => {
    if (names.includes(field.name)) return true;
    errors.push({ message: `Field '${field.name}' doesn't exist on type '${type}' (${scope})`, locations: at(field) });
    return false;
  };
  const leaf = (field: GraphqlField): void => {
    if (field.selections.length > 0) errors.push({ message: `Selections can't be made on scalars (field '${field.name}')`, locations: at(field) });
  };
  const object = (field: GraphqlField, type: string): void => {
    if (field.selections.length === 0) errors.push({ message: `Field '${field.name}' of type '${type}' must have a selection of subfields`, locations: at(field) });
  };
  for (const field of fields) {
    const mutation = mutations[field.name];
    if (field.name === "__typename" || !known(field, Object.keys(mutations), "Mutation") || !mutation) continue;
    if (field.args.size !== 1 || !field.args.has("input")) {
      errors.push({ message: `Field '${field.name}' takes exactly one argument, 'input'`, locations: at(field) });
    }
    object(field, mutation.type);
    for (const payload of field.selections) {
      if (!known(payload, ["__typename", "clientMutationId", "pullRequest"], mutation.type)) continue;
      if (payload.name !== "pullRequest") {
        leaf(payload);
        continue;
      }
      object(payload, "PullRequest");
      for (const pr of payload.selections) if (known(pr, Object.keys(pullRequestFields), "PullRequest")) leaf(pr);
    }
  }
  return errors;
}

function findByNodeId(ctx: RestContext, id: unknown): { repo: RepoState; issue: PullIssue } | undefined {
  for (const repo of ctx.state.repos()) {
    for (const issue of repo.issues.values()) if (issue.pull && issue.pullNodeId === id) return { repo, issue: issue as PullIssue };
  }
  return undefined;
}

/** Runs one mutation field: finds the pull request, checks access as GitHub does, changes its draft state. */
function run(ctx: RestContext, request: SandboxRequest, field: GraphqlField, variables: Record<string, unknown>): unknown {
  const input = resolveValue(field.args.get("input") ?? { kind: "literal", value: null }, variables) as Record<string, unknown> | null;
  const id = input?.pullRequestId;
  const found = findByNodeId(ctx, id);
  const notFound = new FieldError("NOT_FOUND", `Could not resolve to a node with the global id of '${String(id)}'.`);
  if (!found) throw notFound;
  const { repo, issue } = found;
  const scoped = { ...request, params: { owner: repo.owner.login, repo: repo.name } };
  try {
    pullRepo(ctx, scoped, { write: true, push: false });
  } catch (error) {
    if (error instanceof SandboxHttpError && error.status === 404) throw notFound;
    if (error instanceof SandboxHttpError) throw new FieldError("FORBIDDEN", error.message);
    throw error;
  }
  const sender = actorOf(ctx, request.principal);
  if (!canPush(ctx, repo, scoped) && sender.id !== issue.user.id) {
    throw new FieldError("FORBIDDEN", `${sender.login} does not have the correct permissions to execute \`${field.name}\``);
  }
  if (issue.state !== "open") throw new FieldError("UNPROCESSABLE", "Pull request is closed");
  setDraft(ctx, repo, issue, mutations[field.name]?.draft ?? false, sender);
  const payload: Record<string, unknown> = {};
  for (const selection of field.selections) {
    if (selection.name === "__typename") payload[selection.key] = mutations[field.name]?.type;
    else if (selection.name === "clientMutationId") payload[selection.key] = input?.clientMutationId ?? null;
    else payload[selection.key] = Object.fromEntries(selection.selections.map((pr) => [pr.key, pullRequestFields[pr.name]?.(issue, repo, request)]));
  }
  return payload;
}

/**
 * `POST /graphql`: the two draft mutations, answered in GitHub's GraphQL shape. Anything else is
 * answered as GitHub answers what it cannot run: status 200 with `errors`.
 */
export async function answerGraphql(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const body = (request.body ?? {}) as { query?: unknown; variables?: unknown };
  if (typeof body.query !== "string") {
    return { status: 200, body: { errors: [{ message: "A query attribute must be specified and must be a string." }] } };
  }
  const variables = (typeof body.variables === "object" && body.variables !== null ? body.variables : {}) as Record<string, unknown>;
  let fields: GraphqlField[];
  try {
    const operation = parseGraphql(body.query);
    if (operation.type !== "mutation") return { status: 200, body: { errors: [{ message: `${scope}; ${operation.type} operations are not supported.` }] } };
    fields = operation.selections;
  } catch (error) {
    if (error instanceof GraphqlSyntaxError) return { status: 200, body: { errors: [{ message: error.message }] } };
    throw error;
  }
  const invalid = validate(fields);
  if (invalid.length > 0) return { status: 200, body: { errors: invalid } };

  const data: Record<string, unknown> = {};
  const errors: GraphqlError[] = [];
  for (const field of fields) {
    if (field.name === "__typename") {
      data[field.key] = "Mutation";
      continue;
    }
    try {
      data[field.key] = run(ctx, request, field, variables);
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      data[field.key] = null;
      errors.push({ type: error.type, path: [field.key], locations: at(field), message: error.message });
    }
  }
  return { status: 200, body: errors.length > 0 ? { data, errors } : { data } };
}
