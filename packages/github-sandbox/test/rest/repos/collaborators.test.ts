import { describe, expect, it } from "vitest";
import { useRestFixture } from "../rest-fixture.js";

describe("Repository and collaborators", () => {
  const owner = "acme";
  const repo = "widgets";

  const fixture = useRestFixture({
    setUp: ({ ctx, repo: widgets }) => {
      ctx.state.setPermission(widgets, "maintainer", "maintain");
      ctx.state.setPermission(widgets, "triager", "triage");
      ctx.state.ensureUser("stranger");
    },
  });

  it("gets the full repository with the caller's permissions", async () => {
    const asAdmin = await fixture.user("octocat").rest.repos.get({ owner, repo });
    expect(asAdmin.data).toMatchObject({
      full_name: "acme/widgets",
      default_branch: "main",
      permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
    });
    const asReader = await fixture.user("reader").rest.repos.get({ owner, repo });
    expect(asReader.data.permissions).toEqual({
      admin: false,
      maintain: false,
      push: false,
      triage: false,
      pull: true,
    });
    const asApp = await fixture.app().rest.repos.get({ owner, repo });
    expect(asApp.data.permissions).toMatchObject({ push: true, pull: true });
    await expect(fixture.app().rest.repos.get({ owner, repo: "nope" })).rejects.toMatchObject({ status: 404 });
  });

  it("answers each user's permission and role, mapping maintain to write and triage to read", async () => {
    const octokit = fixture.app();
    const level = async (username: string) =>
      (await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username })).data;
    expect(await level("octocat")).toMatchObject({
      permission: "admin",
      role_name: "admin",
      user: { login: "octocat" },
    });
    expect(await level("maintainer")).toMatchObject({ permission: "write", role_name: "maintain" });
    expect(await level("triager")).toMatchObject({ permission: "read", role_name: "triage" });
    expect(await level("reader")).toMatchObject({
      permission: "read",
      role_name: "read",
      user: { permissions: { pull: true, push: false } },
    });
    // anyone can read a public repository
    expect(await level("stranger")).toMatchObject({ permission: "read", role_name: "read" });
    await expect(level("no-such-account")).rejects.toMatchObject({ status: 404 });
  });

  it("answers none for a stranger to a private repository", async () => {
    const secret = await fixture.ctx.state.createRepo("acme", "secret", { private: true });
    const { data } = await fixture
      .app()
      .rest.repos.getCollaboratorPermissionLevel({ owner, repo: secret.name, username: "stranger" });
    expect(data).toMatchObject({ permission: "none", role_name: "none", user: { login: "stranger" } });
  });

  it("checks and lists collaborators; a reader may not look", async () => {
    const octokit = fixture.app();
    await expect(octokit.rest.repos.checkCollaborator({ owner, repo, username: "reader" })).resolves.toMatchObject({
      status: 204,
    });
    await expect(octokit.rest.repos.checkCollaborator({ owner, repo, username: "stranger" })).rejects.toMatchObject({
      status: 404,
    });

    const all = await octokit.rest.repos.listCollaborators({ owner, repo });
    expect(all.data.map((user) => [user.login, user.role_name])).toEqual([
      ["octocat", "admin"],
      ["reader", "read"],
      ["maintainer", "maintain"],
      ["triager", "triage"],
    ]);
    const pushers = await octokit.rest.repos.listCollaborators({ owner, repo, permission: "push" });
    expect(pushers.data.map((user) => user.login)).toEqual(["octocat", "maintainer"]);
    const paged = await octokit.rest.repos.listCollaborators({ owner, repo, per_page: 3 });
    expect(paged.data).toHaveLength(3);
    expect(paged.headers.link).toContain('rel="next"');

    await expect(fixture.user("reader").rest.repos.listCollaborators({ owner, repo })).rejects.toMatchObject({
      status: 403,
      response: { data: { message: "Must have push access to view repository collaborators." } },
    });
    await expect(
      fixture.user("reader").rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: "octocat" }),
    ).rejects.toMatchObject({
      status: 403,
      response: { data: { message: "Must have push access to view collaborator permission." } },
    });
  });
});
