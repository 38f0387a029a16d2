import { getOperationAST, parse } from "graphql";
import { graphqlOperationId, SandboxHttpError, type SandboxRequest } from "../http/index.js";
import type { RepoState } from "../state/index.js";

/** REST's words for a write to an archived repository (403), as GitHub answers it. */
export const archivedRestMessage = "Repository was archived so is read-only.";

/**
 * GraphQL's words for a mutation on an archived repository, without REST's full stop ("GraphQL:
 * Repository was archived so is read-only (closeIssue)", as `gh` prints GitHub's error). The type
 * GitHub gives it is not documented: FORBIDDEN, as the sandbox reports REST's other 403s, is the
 * best reading. GitHub's `addComment` is reported to add "and unable to create comment because
 * issue is locked"; the sandbox answers every mutation with the shorter sentence.
 */
export const archivedGraphqlMessage = "Repository was archived so is read-only";

/** The refusal itself, so GraphQL can word it its own way (`asFieldError`). */
export class ArchivedRepositoryError extends SandboxHttpError {
  constructor() {
    super(403, archivedRestMessage);
  }
}

/** Whether a GraphQL request's body runs a mutation: a query reads, whatever repository it names. */
function runsMutation(body: unknown): boolean {
  const { query, operationName } = (body ?? {}) as { query?: unknown; operationName?: unknown };
  if (typeof query !== "string") return false;
  const name = typeof operationName === "string" ? operationName : undefined;
  // answerGraphql parsed this document before any resolver could name a repository
  return getOperationAST(parse(query), name)?.operation === "mutation";
}

/**
 * The writes GitHub still takes on an archived repository: the `PATCH` that unarchives it (with
 * whatever else that body sets, the best reading) and forking it ("users can view and fork the
 * repository"). Deleting and transferring it are allowed too; the sandbox implements neither.
 */
function allowedWhileArchived(request: SandboxRequest): boolean {
  if (request.operationId === "repos/create-fork") return true;
  const body = request.body as { archived?: unknown } | undefined;
  return request.operationId === "repos/update" && body?.archived === false;
}

/**
 * GitHub's refusal of every write to an archived repository, whoever asks, admins included:
 * REST's `POST`/`PUT`/`PATCH`/`DELETE` on it answer 403 "Repository was archived so is
 * read-only." and GraphQL's mutations on its objects an error, before anything changes. Reads
 * stay allowed. `requireRepo` calls this once it knows the caller may use the repository, so a
 * caller who may not see it still gets its 404, and one without the permission its own 403.
 */
export function refuseArchivedWrite(repo: RepoState, request: SandboxRequest): void {
  if (repo.archivedAt === null) return;
  const writes = request.operationId === graphqlOperationId ? runsMutation(request.body) : request.method !== "GET";
  if (writes && !allowedWhileArchived(request)) throw new ArchivedRepositoryError();
}
