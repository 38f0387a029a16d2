import { SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import type { Links } from "../../represent/index.js";
import { userJson } from "../../represent/index.js";
import type { RepoPermission, RepoState, SandboxUser } from "../../state/index.js";
import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { linksOf, paginate, requireRepo } from "../rest-context.js";
import { readMetadata } from "./shared.js";

const ranks: readonly string[] = ["read", "triage", "write", "maintain", "admin"];

/** A role's `permissions` hash, each level implying the ones below it. */
function permissionsOf(role: RepoPermission): Record<string, boolean> {
  const rank = ranks.indexOf(role);
  return { admin: rank >= 4, maintain: rank >= 3, push: rank >= 2, triage: rank >= 1, pull: rank >= 0 };
}

const noPermissions = { admin: false, maintain: false, push: false, triage: false, pull: false };

/** GitHub's `collaborator`: the account with its role in the repository. */
function collaboratorJson(user: SandboxUser, role: RepoPermission, links: Links): Record<string, unknown> {
  return { ...userJson(user, links), permissions: permissionsOf(role), role_name: role };
}

/** GitHub's legacy base roles: `maintain` reads as `write`, `triage` as `read`. */
const legacyPermission = (role: RepoPermission): string =>
  role === "maintain" ? "write" : role === "triage" ? "read" : role;

/** The people who hold a role in the repository: a user owner, then the collaborators. */
function collaborators(ctx: RestContext, repo: RepoState): { user: SandboxUser; role: RepoPermission }[] {
  const list: { user: SandboxUser; role: RepoPermission }[] = [];
  if (repo.owner.type === "User") list.push({ user: repo.owner, role: "admin" });
  for (const [login, role] of repo.collaborators) {
    const user = ctx.state.getUser(login) ?? ctx.state.ensureUser(login);
    if (user.id !== repo.owner.id) list.push({ user, role });
  }
  return list;
}

/** A user token needs push access to look at collaborators; an installation, metadata. */
function requireCollaboratorAccess(ctx: RestContext, request: SandboxRequest, message: string): RepoState {
  const repo = requireRepo(ctx, request, readMetadata);
  const { principal } = request;
  if (
    principal.kind === "user" &&
    !["admin", "maintain", "write"].includes(ctx.state.permissionOf(repo, principal.login))
  ) {
    throw new SandboxHttpError(403, message);
  }
  return repo;
}

/** The collaborators API's reads: list, check one, and one user's permission. */
export function registerCollaboratorHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("repos/list-collaborators", async (request) => {
    const repo = requireCollaboratorAccess(ctx, request, "Must have push access to view repository collaborators.");
    const wanted = request.query.permission as string | undefined;
    const alias: Record<string, string> = { pull: "read", push: "write" };
    const minimum = wanted === undefined ? 0 : ranks.indexOf(alias[wanted] ?? wanted);
    const list = collaborators(ctx, repo).filter((entry) => ranks.indexOf(entry.role) >= minimum);
    const { body, headers } = paginate(list, request);
    const links = linksOf(request);
    return { status: 200, body: body.map((entry) => collaboratorJson(entry.user, entry.role, links)), headers };
  });

  server.register("repos/check-collaborator", async (request) => {
    const repo = requireCollaboratorAccess(ctx, request, "Must have push access to view repository collaborators.");
    const login = String(request.params.username).toLowerCase();
    const found = collaborators(ctx, repo).some((entry) => entry.user.login.toLowerCase() === login);
    if (!found) throw new SandboxHttpError(404, "Not Found");
    return { status: 204 };
  });

  // anyone may read a public repository, so there a non-collaborator answers `read`; unknown accounts 404
  server.register("repos/get-collaborator-permission-level", async (request) => {
    const repo = requireCollaboratorAccess(ctx, request, "Must have push access to view collaborator permission.");
    const user = ctx.state.getUser(String(request.params.username));
    if (user === undefined) throw new SandboxHttpError(404, "Not Found");
    const granted = ctx.state.permissionOf(repo, user.login);
    const role: RepoPermission | "none" = granted === "none" ? (repo.private ? "none" : "read") : granted;
    const permissions = role === "none" ? noPermissions : permissionsOf(role);
    const json = { ...userJson(user, linksOf(request)), permissions, role_name: role };
    return {
      status: 200,
      body: { permission: role === "none" ? "none" : legacyPermission(role), role_name: role, user: json },
    };
  });
}
