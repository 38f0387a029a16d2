import { loadGithubDescription, SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import { followGoneIssue, type RepoState } from "../../state/index.js";
import { linksOf, requireRepo, type RestContext } from "../rest-context.js";

/** Whether GitHub's description lists `status` among the answers of the request's operation. */
const documents = (request: SandboxRequest, status: number): boolean =>
  String(status) in (loadGithubDescription().operations.get(request.operationId)?.operation.responses ?? {});

/** The request's own path and query, moved onto issue `number` of `repo`: where a 301 points. */
function movedUrl(request: SandboxRequest, repo: RepoState, number: number): string {
  const url = new URL(request.url, "http://sandbox.invalid");
  const rest = /\/issues\/\d+(\/.*)?$/.exec(url.pathname)?.[1] ?? "";
  return `${linksOf(request).api}/repos/${repo.fullName}/issues/${number}${rest}${url.search}`;
}

/**
 * What GitHub answers on the number of an issue that was transferred or deleted (the issues/get
 * description): 404 to a caller who may not read issues where the issue went (or, deleted, in its
 * repository); else for a transfer 301 Moved Permanently, `Location` the same route on the issue
 * where it is now, and for a deletion 410 Gone. The description lists 301 for reading the issue
 * and for its writes that follow (PATCH, the labels) and 410 on most routes. Best reading, and
 * the sandbox's choice: a 301 on every GET (a read follows a redirect harmlessly) and on the
 * writes that document it, 410 where it is documented, and 404 elsewhere (posting a comment on,
 * locking or assigning a gone number), which fails plainly rather than letting fetch turn a POST
 * into a GET of the new issue. A client's fetch follows the 301 (keeping a PATCH with its body),
 * and the target repository's own access rules apply there. Undefined where the answer is a
 * plain 404 (the number was never an issue's, or the route documents nothing better).
 */
export function goneIssueError(
  ctx: RestContext,
  request: SandboxRequest,
  repo: RepoState,
  number: number,
): SandboxHttpError | undefined {
  const gone = followGoneIssue(repo, number);
  if (!gone) return undefined;
  const scoped = { ...request, params: { owner: gone.repo.owner.login, repo: gone.repo.name } };
  try {
    requireRepo(ctx, scoped, { permission: "issues", write: false });
  } catch (error) {
    if (error instanceof SandboxHttpError) return new SandboxHttpError(404, "Not Found");
    throw error;
  }
  if (gone.kind === "deleted") {
    // the wording is the best reading; the status is what the description documents
    return documents(request, 410) ? new SandboxHttpError(410, "This issue was deleted") : undefined;
  }
  if (request.method !== "GET" && !documents(request, 301)) return undefined;
  const location = movedUrl(request, gone.repo, gone.number);
  return new SandboxHttpError(301, "Moved Permanently", { headers: { location } });
}
