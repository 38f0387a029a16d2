import { SandboxHttpError } from "../http/index.js";
import { ArchivedRepositoryError, archivedGraphqlMessage } from "../rest/refuse-archived-write.js";

/**
 * A field that could not resolve: GitHub's error `type` (NOT_FOUND, FORBIDDEN, UNPROCESSABLE), or
 * none where GitHub's is not known, and message.
 */
export class FieldError extends Error {
  constructor(
    readonly type: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A REST access check's refusal as GraphQL reports it: what REST hides behind a 404 is
 * NOT_FOUND (`notFound` says which id could not be resolved), a 403 is FORBIDDEN and a 422
 * UNPROCESSABLE, each with REST's message (a validation error's own words, see `unprocessableMessage`); a write to an archived repository is GraphQL's own
 * sentence. Anything else is rethrown.
 */
export function asFieldError(error: unknown, notFound: FieldError): never {
  if (error instanceof ArchivedRepositoryError) throw new FieldError("FORBIDDEN", archivedGraphqlMessage);
  if (error instanceof SandboxHttpError && error.status === 404) throw notFound;
  if (error instanceof SandboxHttpError && error.status === 403) throw new FieldError("FORBIDDEN", error.message);
  if (error instanceof SandboxHttpError && error.status === 422)
    throw new FieldError("UNPROCESSABLE", unprocessableMessage(error));
  throw error;
}

/**
 * A REST 422's words as GraphQL gives them: the errors' own messages ("title is too long …"),
 * not REST's "Validation Failed" over them; REST's message when they have none.
 */
export function unprocessableMessage(error: SandboxHttpError): string {
  const messages = (error.extra.errors ?? []).flatMap((entry) =>
    typeof entry === "string" ? [entry] : entry.message === undefined ? [] : [entry.message],
  );
  return messages.length > 0 ? messages.join(", ") : error.message;
}

/** GitHub's refusal of a connection read without `first`, or with more than 100. */
export function pageSize(first: number | null | undefined, connection: string): number {
  if (first === undefined || first === null) {
    throw new FieldError(
      "MISSING_PAGINATION_BOUNDARIES",
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${connection}\` connection.`,
    );
  }
  if (first < 0 || first > 100) {
    throw new FieldError(
      "EXCESSIVE_PAGINATION",
      `Requesting ${first} records on the \`${connection}\` connection exceeds the \`first\` limit of 100 records.`,
    );
  }
  return first;
}
