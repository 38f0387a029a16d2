import { describe, expect, it } from "vitest";
import { githubActionsApp } from "../../../src/state/index.js";
import { requestFailure, useRestFixture } from "../rest-fixture.js";
import { asInstalledApp, restrictMain } from "./restriction-helpers.js";

const fixture = useRestFixture({ perTest: true });
const branch = { owner: "acme", repo: "widgets", branch: "main" };
const admin = () => fixture.user("octocat");
const slugs = (apps: ({ slug?: string } | null)[]) => apps.map((app) => app?.slug);
const logins = (users: { login: string }[]) => users.map((user) => user.login);

describe("Who may push to a protected branch (…/protection/restrictions/apps and /users)", () => {
  it("reads, replaces, adds to and removes from the apps, each answering the apps in full", async () => {
    asInstalledApp(fixture, githubActionsApp);
    await restrictMain(fixture, { users: [], apps: ["autopilot-sandbox"] });

    const listed = await admin().rest.repos.getAppsWithAccessToProtectedBranch(branch);
    expect(listed.data).toMatchObject([{ id: 4242, slug: "autopilot-sandbox", owner: { login: "acme" } }]);
    expect(
      slugs((await admin().rest.repos.addAppAccessRestrictions({ ...branch, apps: ["github-actions"] })).data),
    ).toEqual(["autopilot-sandbox", "github-actions"]);
    expect(
      slugs((await admin().rest.repos.removeAppAccessRestrictions({ ...branch, apps: ["autopilot-sandbox"] })).data),
    ).toEqual(["github-actions"]);
    expect(
      slugs((await admin().rest.repos.setAppAccessRestrictions({ ...branch, apps: ["autopilot-sandbox"] })).data),
    ).toEqual(["autopilot-sandbox"]);
    // the `{ apps }` body GitHub describes works as the bare array Octokit sends does
    const route = "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps";
    await admin().request(route, { ...branch, apps: ["github-actions"] });
    expect(fixture.repo.protections.get("main")?.restrictions?.apps).toEqual(["autopilot-sandbox", "github-actions"]);

    const unknown = await requestFailure(
      admin().rest.repos.addAppAccessRestrictions({ ...branch, apps: ["no-such-app"] }),
    );
    expect(unknown).toMatchObject({ status: 422, message: "Validation Failed" });
  });

  it("reads, replaces, adds to and removes from the users, and the push check follows them", async () => {
    fixture.ctx.state.setPermission(fixture.repo, "writer", "write");
    await restrictMain(fixture, { users: ["octocat"] });

    expect(logins((await admin().rest.repos.getUsersWithAccessToProtectedBranch(branch)).data)).toEqual(["octocat"]);
    expect(logins((await admin().rest.repos.addUserAccessRestrictions({ ...branch, users: ["writer"] })).data)).toEqual(
      ["octocat", "writer"],
    );
    const content = { owner: "acme", repo: "widgets", path: "w.txt", message: "w", content: "dw==" };
    await fixture.user("writer").rest.repos.createOrUpdateFileContents(content);
    expect(
      logins((await admin().rest.repos.removeUserAccessRestrictions({ ...branch, users: ["Writer"] })).data),
    ).toEqual(["octocat"]);
    const refused = fixture.user("writer").rest.repos.createOrUpdateFileContents({ ...content, path: "x.txt" });
    expect(await requestFailure(refused)).toMatchObject({ status: 422 });
    expect(logins((await admin().rest.repos.setUserAccessRestrictions({ ...branch, users: [] })).data)).toEqual([]);
  });

  it("answers 404 without protection or restrictions and 403 to anyone but an admin", async () => {
    expect(await requestFailure(admin().rest.repos.getUsersWithAccessToProtectedBranch(branch))).toMatchObject({
      status: 404,
      message: "Branch not protected",
    });
    await restrictMain(fixture, null);
    expect(await requestFailure(admin().rest.repos.getAppsWithAccessToProtectedBranch(branch))).toMatchObject({
      status: 404,
      message: "Push restrictions not enabled",
    });
    await restrictMain(fixture, { users: [] });
    fixture.ctx.state.setPermission(fixture.repo, "writer", "write");
    const byWriter = fixture.user("writer").rest.repos.setUserAccessRestrictions({ ...branch, users: ["writer"] });
    expect(await requestFailure(byWriter)).toMatchObject({
      status: 403,
      message: "Must have admin rights to Repository.",
    });
    const byApp = fixture.app().rest.repos.addAppAccessRestrictions({ ...branch, apps: ["autopilot-sandbox"] });
    expect(await requestFailure(byApp)).toMatchObject({
      status: 403,
      message: "Resource not accessible by integration",
    });
    expect(fixture.repo.protections.get("main")?.restrictions).toEqual({ users: [], apps: [] });
  });
});
