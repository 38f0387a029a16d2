import { describe, expect, it } from "vitest";
import { requestFailure, useRestFixture } from "../rest-fixture.js";

const owner = "acme";
const repo = "widgets";

describe("GitHub Enterprise Server site-admin users, and invitations to collaborate", () => {
  const fixture = useRestFixture({
    perTest: true,
    setUp: ({ ctx }) => ctx.state.makeSiteAdmin("octocat"),
  });

  /** A new account made by the site admin, and a token acting as it. */
  async function newPerson(login: string) {
    const admin = fixture.user("octocat");
    const created = await admin.request("POST /admin/users", { login, email: `${login}@example.test` });
    expect(created).toMatchObject({ status: 201, data: { login, type: "User", site_admin: false } });
    const grant = await admin.request("POST /admin/users/{username}/authorizations", {
      username: login,
      scopes: ["repo"],
    });
    expect(grant).toMatchObject({ status: 201, data: { scopes: ["repo"], user: { login } } });
    return grant.data.token as string;
  }

  it("makes an account and a token that acts as it; the same token again while it exists", async () => {
    const token = await newPerson("mallory");
    const again = await fixture
      .user("octocat")
      .request("POST /admin/users/{username}/authorizations", { username: "mallory", scopes: ["repo"] });
    expect(again).toMatchObject({ status: 200, data: { token } });
    expect(fixture.ctx.auth.authenticate(`token ${token}`)).toEqual({ kind: "user", login: "mallory" });
    // a new account holds no role: on a public repository it reads, nothing more
    const { data } = await fixture
      .app()
      .rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: "mallory" });
    expect(data).toMatchObject({ permission: "read", role_name: "read" });
  });

  it("refuses a taken or malformed login, non-admins and installations", async () => {
    const admin = fixture.user("octocat");
    await newPerson("mallory");
    expect(await requestFailure(admin.request("POST /admin/users", { login: "mallory" }))).toMatchObject({
      status: 422,
    });
    expect(await requestFailure(admin.request("POST /admin/users", { login: "-bad-" }))).toMatchObject({ status: 422 });
    const byReader = await requestFailure(fixture.user("reader").request("POST /admin/users", { login: "eve" }));
    expect(byReader).toMatchObject({ status: 403, message: "Must be a site administrator." });
    expect(await requestFailure(fixture.app().request("POST /admin/users", { login: "eve" }))).toMatchObject({
      status: 403,
    });
    const unknown = admin.request("POST /admin/users/{username}/authorizations", {
      username: "nobody-here",
      scopes: [],
    });
    expect(await requestFailure(unknown)).toMatchObject({ status: 404 });
  });

  it("invites a new collaborator: the role applies only once they accept", async () => {
    await newPerson("writer");
    const admin = fixture.user("octocat");
    const invited = await admin.rest.repos.addCollaborator({ owner, repo, username: "writer", permission: "push" });
    expect(invited).toMatchObject({
      status: 201,
      data: { permissions: "write", invitee: { login: "writer" }, inviter: { login: "octocat" } },
    });
    const level = async () =>
      (await fixture.app().rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: "writer" })).data
        .role_name;
    expect(await level()).toBe("read");

    const writer = fixture.user("writer");
    const mine = await writer.rest.repos.listInvitationsForAuthenticatedUser();
    expect(mine.data.map((invitation) => [invitation.id, invitation.repository.full_name])).toEqual([
      [invited.data.id, "acme/widgets"],
    ]);
    // nobody else sees or accepts it
    expect((await fixture.user("reader").rest.repos.listInvitationsForAuthenticatedUser()).data).toEqual([]);
    const stolen = fixture
      .user("reader")
      .rest.repos.acceptInvitationForAuthenticatedUser({ invitation_id: invited.data.id });
    expect(await requestFailure(stolen)).toMatchObject({ status: 404 });

    await writer.rest.repos.acceptInvitationForAuthenticatedUser({ invitation_id: invited.data.id });
    expect(await level()).toBe("write");
    expect((await writer.rest.repos.listInvitationsForAuthenticatedUser()).data).toEqual([]);

    // already a collaborator: the role changes at once, 204
    const changed = await admin.rest.repos.addCollaborator({ owner, repo, username: "writer", permission: "triage" });
    expect(changed.status).toBe(204);
    expect(await level()).toBe("triage");
  });

  it("a declined invitation grants nothing; only admins invite, and only known roles", async () => {
    await newPerson("maybe");
    const admin = fixture.user("octocat");
    const invited = await admin.rest.repos.addCollaborator({ owner, repo, username: "maybe", permission: "maintain" });
    await fixture.user("maybe").rest.repos.declineInvitationForAuthenticatedUser({ invitation_id: invited.data.id });
    const { data } = await fixture.app().rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: "maybe" });
    expect(data.role_name).toBe("read");

    fixture.ctx.state.setPermission(fixture.repo, "writer", "write");
    const byWriter = fixture
      .user("writer")
      .rest.repos.addCollaborator({ owner, repo, username: "maybe", permission: "admin" });
    expect(await requestFailure(byWriter)).toMatchObject({
      status: 403,
      message: "Must have admin rights to Repository.",
    });
    const badRole = admin.rest.repos.addCollaborator({ owner, repo, username: "maybe", permission: "owner" });
    expect(await requestFailure(badRole)).toMatchObject({ status: 422 });
    const noAccount = admin.rest.repos.addCollaborator({ owner, repo, username: "ghost-account" });
    expect(await requestFailure(noAccount)).toMatchObject({ status: 404 });
    const byApp = fixture.app().rest.repos.listInvitationsForAuthenticatedUser();
    expect(await requestFailure(byApp)).toMatchObject({ status: 403 });
  });
});
