import { SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import { followGoneIssue, type RepoState } from "../../state/index.js";
import { linksOf, requireRepo, type RestContext } from "../rest-context.js";

/**
 * What GitHub answers for the number of an issue that was transferred or deleted (the issues/get
 * description): 301 Moved Permanently, `Location` the issue's API URL in its new repository,
 * when the caller may read issues there, else 404; 410 Gone for a deleted issue to a caller who
 * may read the repository's issues, else 404. The sandbox answers every route on the number so
 * (comments, labels, lock, PATCH): the description lists 301 and 410 for most of them, and best
 * reading, GitHub resolves the number once for all of them. A client's fetch follows the 301 (a
 * GET, and a PATCH with its body), where the target repository's own access rules apply.
 * Undefined for a number that was never an issue's.
 */
export function goneIssueError(
  ctx: RestContext,
  request: SandboxRequest,
  repo: RepoState,
  number: number,
): SandboxHttpError | undefined {
  const gone = followGoneIssue(repo, number);
  if (!gone) return undefined;
  const readsIssuesOf = (target: RepoState): boolean => {
    try {
      requireRepo(
        ctx,
        { ...request, params: { owner: target.owner.login, repo: target.name } },
        {
          permission: "issues",
          write: false,
        },
      );
      return true;
    } catch {
      return false;
    }
  };
  if (!readsIssuesOf(gone.repo)) return new SandboxHttpError(404, "Not Found");
  if (gone.kind === "deleted") {
    // best reading of GitHub's wording; the status is what the description documents
    return new SandboxHttpError(410, "This issue was deleted");
  }
  const location = `${linksOf(request).api}/repos/${gone.repo.fullName}/issues/${gone.number}`;
  return new SandboxHttpError(301, "Moved Permanently", { headers: { location } });
}
