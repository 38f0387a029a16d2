import type { Principal } from "../../auth/index.js";
import { repositoryJson } from "../../represent/index.js";
import type { RepoState, SandboxState } from "../../state/index.js";
import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { linksOf, requireRepo } from "../rest-context.js";
import { readMetadata } from "./shared.js";
import { SandboxHttpError } from "../../http/index.js";

type Permissions = { admin: boolean; maintain: boolean; push: boolean; triage: boolean; pull: boolean };

/**
 * The `permissions` GitHub shows the caller: a user's role (anyone may pull a public repository),
 * or for an installation token what its `contents` and `administration` permissions allow.
 */
export function callerPermissions(state: SandboxState, repo: RepoState, principal: Principal): Permissions {
  if (principal.kind === "user") {
    const role = state.permissionOf(repo, principal.login);
    const rank = ["none", "read", "triage", "write", "maintain", "admin"].indexOf(role);
    return {
      admin: rank >= 5,
      maintain: rank >= 4,
      push: rank >= 3,
      triage: rank >= 2,
      pull: rank >= 1 || !repo.private,
    };
  }
  const granted = principal.kind === "installation" ? principal.permissions : {};
  const push = granted.contents === "write";
  const admin = granted.administration === "write";
  return { admin, maintain: admin, push, triage: push, pull: true };
}

/**
 * `GET /repos/{owner}/{repo}`: the full repository, with the caller's permissions; the pull
 * request settings (`allow_merge_commit`, …) only for a caller with admin access, as GitHub
 * leaves them out for everyone else (GraphQL's `mergeCommitAllowed` is readable by all).
 */
export function registerRepositoryHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("repos/get", async (request) => {
    const repo = requireRepo(ctx, request, readMetadata);
    const permissions = callerPermissions(ctx.state, repo, request.principal);
    const body = repositoryJson(repo, linksOf(request), {
      defaultBranch: repo.defaultBranch,
      permissions,
      withSettings: permissions.admin,
    });
    return { status: 200, body };
  });
  // a user forks a repository they can read into their own account (enough for fork pull requests)
  server.register("repos/create-fork", async (request) => {
    const source = requireRepo(ctx, request, readMetadata);
    if (request.principal.kind !== "user") throw new SandboxHttpError(403, "Resource not accessible by integration");
    const fork = await ctx.state.forkRepo(source, request.principal.login);
    // the fork is the caller's own: they are its admin
    const body = repositoryJson(fork, linksOf(request), {
      defaultBranch: fork.defaultBranch,
      permissions: callerPermissions(ctx.state, fork, request.principal),
      withSettings: true,
    });
    return { status: 202, body };
  });
}
