import { SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import type { Links } from "../../represent/index.js";
import { repositoryJson, userJson } from "../../represent/index.js";
import { legacyNodeId, type RepoInvitationState, type RepoPermission, type RepoState } from "../../state/index.js";
import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { linksOf, paginate, requireRepo } from "../rest-context.js";

/** The role names `PUT /collaborators/{username}` takes (GitHub's documented ones and the newer aliases). */
const roleOf: Readonly<Record<string, RepoPermission>> = {
  pull: "read",
  read: "read",
  triage: "triage",
  push: "write",
  write: "write",
  maintain: "maintain",
  admin: "admin",
};

/** GitHub's `repository-invitation`. */
function invitationJson(repo: RepoState, invitation: RepoInvitationState, links: Links): Record<string, unknown> {
  return {
    id: invitation.id,
    node_id: invitation.nodeId,
    repository: repositoryJson(repo, links, { defaultBranch: repo.defaultBranch }),
    invitee: userJson(invitation.invitee, links),
    inviter: userJson(invitation.inviter, links),
    permissions: invitation.permission,
    created_at: invitation.createdAt,
    expired: false,
    url: `${links.api}/user/repository_invitations/${invitation.id}`,
    html_url: `${links.web}/${repo.fullName}/invitations`,
  };
}

/** Adding collaborators takes admin rights on the repository (an installation: `administration: write`). */
function requireAdmin(ctx: RestContext, request: SandboxRequest): RepoState {
  const repo = requireRepo(ctx, request, { permission: "administration", write: true });
  const { principal } = request;
  if (principal.kind === "user" && ctx.state.permissionOf(repo, principal.login) !== "admin") {
    throw new SandboxHttpError(403, "Must have admin rights to Repository.");
  }
  return repo;
}

/** The invitations API is a person's own: an installation token has no invitations. */
function requireInvitee(request: SandboxRequest): string {
  if (request.principal.kind !== "user") throw new SandboxHttpError(403, "Resource not accessible by integration");
  return request.principal.login.toLowerCase();
}

/** The caller's pending invitation `invitation_id`, with its repository; 404 for anyone else's. */
function findInvitation(
  ctx: RestContext,
  request: SandboxRequest,
): { repo: RepoState; invitation: RepoInvitationState } {
  const login = requireInvitee(request);
  const id = Number(request.params.invitation_id);
  for (const repo of ctx.state.repos()) {
    const invitation = repo.invitations.get(id);
    if (invitation && invitation.invitee.login.toLowerCase() === login) return { repo, invitation };
  }
  throw new SandboxHttpError(404, "Not Found");
}

/**
 * Collaborators as GitHub adds them: `PUT /collaborators/{username}` invites someone who holds no
 * role yet (201 with the invitation; the role applies once they accept it) and changes the role of
 * an existing collaborator at once (204). The invitee lists, accepts or declines their invitations.
 */
export function registerInvitationHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("repos/add-collaborator", async (request) => {
    const repo = requireAdmin(ctx, request);
    const invitee = ctx.state.getUser(String(request.params.username));
    if (invitee === undefined || invitee.type !== "User") throw new SandboxHttpError(404, "Not Found");
    const asked = (request.body as { permission?: string } | undefined)?.permission ?? "push";
    const role = roleOf[asked];
    if (role === undefined) {
      throw new SandboxHttpError(422, "Validation Failed", {
        errors: [
          {
            resource: "Repository",
            code: "invalid",
            field: "permission",
            message: `${asked} is not a valid permission`,
          },
        ],
      });
    }
    const login = invitee.login.toLowerCase();
    if (login === repo.owner.login.toLowerCase()) return { status: 204 };
    if (repo.collaborators.has(login)) {
      repo.collaborators.set(login, role);
      return { status: 204 };
    }
    const links = linksOf(request);
    const pending = [...repo.invitations.values()].find((invitation) => invitation.invitee.id === invitee.id);
    if (pending) {
      pending.permission = role;
      return { status: 201, body: invitationJson(repo, pending, links) };
    }
    const id = ctx.state.nextId();
    const inviter =
      request.principal.kind === "user" ? ctx.state.ensureUser(request.principal.login) : ctx.state.appBot();
    const invitation: RepoInvitationState = {
      id,
      nodeId: legacyNodeId("RepositoryInvitation", id),
      invitee,
      inviter,
      permission: role,
      createdAt: ctx.state.iso(),
    };
    repo.invitations.set(id, invitation);
    return { status: 201, body: invitationJson(repo, invitation, links) };
  });

  server.register("repos/list-invitations-for-authenticated-user", async (request) => {
    const login = requireInvitee(request);
    const mine = ctx.state
      .repos()
      .flatMap((repo) => [...repo.invitations.values()].map((invitation) => ({ repo, invitation })))
      .filter(({ invitation }) => invitation.invitee.login.toLowerCase() === login);
    const { body, headers } = paginate(mine, request);
    const links = linksOf(request);
    return { status: 200, body: body.map(({ repo, invitation }) => invitationJson(repo, invitation, links)), headers };
  });

  server.register("repos/accept-invitation-for-authenticated-user", async (request) => {
    const { repo, invitation } = findInvitation(ctx, request);
    repo.invitations.delete(invitation.id);
    ctx.state.setPermission(repo, invitation.invitee.login, invitation.permission);
    return { status: 204 };
  });

  server.register("repos/decline-invitation-for-authenticated-user", async (request) => {
    const { repo, invitation } = findInvitation(ctx, request);
    repo.invitations.delete(invitation.id);
    return { status: 204 };
  });
}
