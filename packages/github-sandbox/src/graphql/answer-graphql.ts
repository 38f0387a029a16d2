import { execute, getOperationAST, GraphQLError, parse, validate, type DocumentNode } from "graphql";
import type { SandboxRequest, SandboxResponse } from "../http/index.js";
import type { RestContext } from "../rest/rest-context.js";
import { checkRunRoot } from "./check-run-mutations.js";
import { commitRoot } from "./commit-mutations.js";
import { createRoot } from "./create-mutations.js";
import { draftRoot } from "./draft-mutations.js";
import { FieldError } from "./field-error.js";
import { issueRoot } from "./issue-mutations.js";
import { issueMoveRoot } from "./issue-move-mutations.js";
import { labelRoot } from "./label-mutations.js";
import { mergeQueueRoot } from "./merge-queue-mutations.js";
import { minimizeRoot } from "./minimize-mutations.js";
import { revertRoot } from "./revert-mutation.js";
import { reviewThreadRoot } from "./review-thread-mutations.js";
import { sandboxSchema, sandboxScope } from "./schema.js";

/** One error as GitHub writes it: `type` (when there is one) at the top level, not under `extensions`. */
interface GithubError {
  type?: string;
  path?: readonly (string | number)[];
  locations?: readonly { line: number; column: number }[];
  message: string;
}

/** GitHub's shape for graphql-js's error; a resolver's failure that is not a FieldError is a sandbox bug and is thrown. */
function githubError(error: GraphQLError, suffix = ""): GithubError {
  const original = error.originalError;
  if (original && !(original instanceof FieldError) && !(original instanceof GraphQLError)) throw original;
  return {
    ...(original instanceof FieldError ? { type: original.type } : {}),
    ...(error.path ? { path: error.path } : {}),
    ...(error.locations ? { locations: error.locations } : {}),
    message: error.message + suffix,
  };
}

/** The root value: graphql-js calls each root field's function with its arguments and the context. */
const root = {
  ...draftRoot,
  ...revertRoot,
  ...checkRunRoot,
  ...minimizeRoot,
  // after `minimizeRoot`: its `node` reads review threads, then hands other ids to minimizeRoot's
  ...reviewThreadRoot,
  ...commitRoot,
  ...createRoot,
  ...labelRoot,
  ...issueRoot,
  // after `repository`: its `repository` adds `pullRequest(number)`
  ...mergeQueueRoot,
  // after `mergeQueueRoot`: its `repository` adds `issue(number)` to that one's
  ...issueMoveRoot,
};

const answer = (body: Record<string, unknown>): SandboxResponse => ({ status: 200, body });

/**
 * `POST /graphql`: the repository query and the draft and check-run mutations, answered in
 * GitHub's GraphQL shape. GitHub answers
 * everything with status 200: what it cannot parse or validate with `errors` alone, what fails
 * while running with `data` (null where it failed) and `errors`.
 */
export async function answerGraphql(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const body = (request.body ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
  if (typeof body.query !== "string")
    return answer({ errors: [{ message: "A query attribute must be specified and must be a string." }] });
  const variableValues =
    typeof body.variables === "object" && body.variables !== null ? (body.variables as Record<string, unknown>) : {};
  const operationName = typeof body.operationName === "string" ? body.operationName : undefined;

  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    if (error instanceof GraphQLError) return answer({ errors: [githubError(error)] });
    throw error;
  }
  const operation = getOperationAST(document, operationName)?.operation;
  if (operation === "subscription")
    return answer({ errors: [{ message: `${sandboxScope}; subscription operations are not supported.` }] });
  const invalid = validate(sandboxSchema, document);
  if (invalid.length > 0) return answer({ errors: invalid.map((error) => githubError(error, ` ${sandboxScope}.`)) });

  const result = await execute({
    schema: sandboxSchema,
    document,
    rootValue: root,
    contextValue: { ctx, request },
    variableValues,
    operationName,
  });
  const errors = result.errors?.map((error) => githubError(error));
  return answer(
    errors ? { ...(result.data !== undefined ? { data: result.data } : {}), errors } : { data: result.data },
  );
}
