import type { InstallationPrincipal } from "../../auth/index.js";
import { SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import type { IssueState, RepoPermission, RepoState, SandboxUser } from "../../state/index.js";
import { actorOf, requireRepo, type RestContext } from "../rest-context.js";
import { goneIssueError } from "./gone-issue-error.js";

export type Role = RepoPermission | "none";

const rank: Record<Role, number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

export const atLeast = (role: Role, minimum: Role): boolean => rank[role] >= rank[minimum];

/** GitHub's answer when a user's role on the repository does not allow a change. */
export const adminRightsRequired = (): SandboxHttpError =>
  new SandboxHttpError(403, "Must have admin rights to Repository.");

const notAccessibleByIntegration = (): SandboxHttpError =>
  new SandboxHttpError(403, "Resource not accessible by integration");

const grants = (principal: InstallationPrincipal, name: string, write: boolean): boolean => {
  const level = principal.permissions[name];
  return level === "write" || level === "admin" || (!write && level === "read");
};

/**
 * Whether an installation may read (`write: false`) or change an issue: the `issues` permission,
 * or on a pull request also `pull_requests`, as GitHub accepts either on the shared endpoints.
 */
function integrationMay(principal: InstallationPrincipal, issue: IssueState | undefined, write: boolean): boolean {
  return grants(principal, "issues", write) || (issue?.pull !== undefined && grants(principal, "pull_requests", write));
}

/** A repository whose issues the caller can see (404 otherwise), and who the caller acts as. */
export function issuesRepo(ctx: RestContext, request: SandboxRequest): { repo: RepoState; actor: SandboxUser } {
  const repo = requireRepo(ctx, request, { permission: ["issues", "pull_requests"], write: false });
  return { repo, actor: actorOf(ctx, request.principal) };
}

/** Whether the caller may see plain issues, not only pull requests (an installation may hold only `pull_requests`). */
export function readsIssues(request: SandboxRequest): boolean {
  return request.principal.kind !== "installation" || grants(request.principal, "issues", false);
}

/**
 * Issue or pull request `number` of the repository, as the caller may see it: 404 "Not Found"
 * otherwise, 301 or 410 for an issue transferred or deleted (`goneIssueError`).
 */
export function findIssue(ctx: RestContext, request: SandboxRequest, repo: RepoState, number: number): IssueState {
  const issue = repo.issues.get(number);
  if (!issue) throw goneIssueError(ctx, request, repo, number) ?? new SandboxHttpError(404, "Not Found");
  const { principal } = request;
  if (principal.kind === "installation" && !integrationMay(principal, issue, false)) throw notAccessibleByIntegration();
  return issue;
}

/**
 * The caller's standing in the repository. An installation counts as `write` where its
 * permissions let it change `issue` (any issue, when none is given) and `read` elsewhere.
 */
export function roleOf(ctx: RestContext, request: SandboxRequest, repo: RepoState, issue?: IssueState): Role {
  const { principal } = request;
  if (principal.kind === "installation") return integrationMay(principal, issue, true) ? "write" : "read";
  if (principal.kind === "user") return ctx.state.permissionOf(repo, principal.login);
  return "none";
}

/** An installation changing anything needs write permission: 403 "Resource not accessible by integration". */
export function requireIntegrationWrite(request: SandboxRequest, issue?: IssueState): void {
  const { principal } = request;
  if (principal.kind === "installation" && !integrationMay(principal, issue, true)) throw notAccessibleByIntegration();
}

export interface RoleRequirement {
  issue?: IssueState;
  /** the author of what is changed, who may change it whatever their role */
  author?: SandboxUser;
}

/** A change that needs `minimum` (or authorship): 403 as GitHub answers it otherwise. */
export function requireRole(
  ctx: RestContext,
  request: SandboxRequest,
  repo: RepoState,
  minimum: Role,
  requirement: RoleRequirement = {},
): void {
  requireIntegrationWrite(request, requirement.issue);
  if (atLeast(roleOf(ctx, request, repo, requirement.issue), minimum)) return;
  if (requirement.author && isActor(ctx, request, requirement.author)) return;
  throw adminRightsRequired();
}

/** Whether `user` is who the request acts as. */
export function isActor(ctx: RestContext, request: SandboxRequest, user: SandboxUser): boolean {
  return actorOf(ctx, request.principal).id === user.id;
}

/** Whether the caller may create labels: push access for users, `issues` write for installations. */
export function mayCreateLabels(ctx: RestContext, request: SandboxRequest, repo: RepoState): boolean {
  const { principal } = request;
  if (principal.kind === "installation") return grants(principal, "issues", true);
  return atLeast(roleOf(ctx, request, repo), "write");
}
