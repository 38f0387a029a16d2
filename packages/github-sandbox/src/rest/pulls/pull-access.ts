import { SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import { commitEmailOf, type IssueState, type PullState, type RepoState, type SandboxUser } from "../../state/index.js";
import { requireRepo, type PermissionName, type RestContext } from "../rest-context.js";

export interface PullAccess {
  /** an installation token needs write (not just read) on `permission` */
  write: boolean;
  /** a user needs push access; defaults to `write`. Anyone who can read may open or review a pull request. */
  push?: boolean;
  /** defaults to `pull_requests`; merging is a `contents` write on GitHub */
  permission?: PermissionName;
}

/** The repository, when the caller may use its pull requests as `access` says (404/403 as GitHub). */
export function pullRepo(ctx: RestContext, request: SandboxRequest, access: PullAccess): RepoState {
  const write = request.principal.kind === "user" ? (access.push ?? access.write) : access.write;
  return requireRepo(ctx, request, { permission: access.permission ?? "pull_requests", write });
}

/** A pull request with its `pull` part known to be there. */
export type PullIssue = IssueState & { pull: PullState };

/** The pull request `{pull_number}`; an issue's number or an unknown one is GitHub's 404. */
export function findPull(repo: RepoState, number: unknown): PullIssue {
  const issue = repo.issues.get(Number(number));
  if (!issue?.pull) throw new SandboxHttpError(404, "Not Found");
  return issue as PullIssue;
}

/** Whether `login` has push access to the repository (write, maintain or admin). */
export function canPush(ctx: RestContext, repo: RepoState, request: SandboxRequest): boolean {
  const { principal } = request;
  if (principal.kind === "installation") {
    const level = principal.permissions.pull_requests;
    return level === "write" || level === "admin";
  }
  if (principal.kind !== "user") return false;
  return ["admin", "maintain", "write"].includes(ctx.state.permissionOf(repo, principal.login));
}

/** GitHub's 422 "Validation Failed" with one `PullRequest` error. */
export function pullValidationError(detail: { field?: string; code: string; message?: string }): SandboxHttpError {
  return new SandboxHttpError(422, "Validation Failed", { errors: [{ resource: "PullRequest", ...detail }] });
}

/** GitHub's 422 "Unprocessable Entity" with plain-string errors (the reviews endpoints' form). */
export function unprocessable(message: string): SandboxHttpError {
  return new SandboxHttpError(422, "Unprocessable Entity", { errors: [message] });
}

/** The git identity GitHub gives a user's merge: their name and their noreply address. */
export function gitPerson(user: SandboxUser): { name: string; email: string } {
  return {
    name: user.name ?? user.login,
    email: commitEmailOf(user),
  };
}

/** Bumps the pull request's `updated_at`; returns the timestamp. */
export function touch(ctx: RestContext, issue: IssueState): string {
  const now = ctx.state.iso();
  issue.updatedAt = now;
  return now;
}
