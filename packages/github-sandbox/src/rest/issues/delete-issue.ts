import { SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import { removeIssue, type IssueState, type RepoState } from "../../state/index.js";
import { actorOf, requireRepo, type RestContext } from "../rest-context.js";
import { scopedTo } from "./transfer-issue.js";

/**
 * Whether the caller may delete issues in `repo`, as GitHub's "Deleting an issue" puts it: in a
 * personal account's repository only that account; in an organization's only once an owner has
 * allowed members to delete issues (off by default, `SandboxState.setMembersCanDeleteIssues`), and
 * then people with admin. An installation needs `administration: write` (best reading: GitHub
 * documents no permission for `deleteIssue`, and people report apps refused), and the
 * organization's setting as everyone does.
 */
function mayDeleteIssues(ctx: RestContext, request: SandboxRequest, repo: RepoState): boolean {
  const { principal } = request;
  const organization = repo.owner.type === "Organization";
  if (organization && !ctx.state.membersCanDeleteIssues(repo.owner.login)) return false;
  if (principal.kind === "installation") {
    requireRepo(ctx, scopedTo(request, repo), { permission: "administration", write: true });
    return true;
  }
  if (principal.kind !== "user") return false;
  if (!organization) return principal.login.toLowerCase() === repo.owner.login.toLowerCase();
  return ctx.state.permissionOf(repo, principal.login) === "admin";
}

/**
 * GraphQL's `deleteIssue`: removes the issue with its comments, reactions and events for good
 * (pull requests cannot be deleted; the caller finds only issues). Its number is never given
 * again, and answers 410 Gone from then on (see `goneIssueError`). Refused with 403 (FORBIDDEN
 * in GraphQL; the wording is the best reading) to anyone `mayDeleteIssues` does not allow.
 * Announces `issues.deleted`.
 */
export function deleteIssue(ctx: RestContext, request: SandboxRequest, repo: RepoState, issue: IssueState): void {
  const sender = actorOf(ctx, request.principal);
  if (!mayDeleteIssues(ctx, request, repo)) {
    throw new SandboxHttpError(403, `${sender.login} does not have the correct permissions to execute \`DeleteIssue\``);
  }
  removeIssue(ctx.state, repo, issue, sender);
  ctx.events.emit({ name: "issues", action: "deleted", repo, sender, issue });
}
