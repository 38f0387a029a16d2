import { describe, expect, it } from "vitest";
import { githubActionsApp } from "../../../src/state/index.js";
import { commitOnto, requestFailure, useRestFixture } from "../rest-fixture.js";
import { asInstalledApp, restrictMain } from "./restriction-helpers.js";

const fixture = useRestFixture({ perTest: true });
const owner = "acme";
const repo = "widgets";
const notAuthorized = { status: 422, message: "You're not authorized to push to this branch." };
/** An app installed on the account that may only read contents: GitHub refuses it as an authorized actor. */
const labelBot = {
  id: 5150,
  slug: "label-bot",
  name: "Label Bot",
  ownerLogin: "acme",
  permissions: { contents: "read", issues: "write" },
};

const nextCommit = async (file: string): Promise<string> => {
  const tip = await fixture.repo.git.getRef("refs/heads/main");
  if (tip === undefined) throw new Error("no main");
  return commitOnto(fixture, tip, { [file]: `${file}\n` });
};
const tipOfMain = () => fixture.repo.git.getRef("refs/heads/main");

describe("Push restrictions of classic branch protection (users and apps)", () => {
  it("stores users and apps, shows each app in full and no team, and keeps the apps a PUT leaves out", async () => {
    const put = await restrictMain(fixture, { users: ["octocat"], apps: ["autopilot-sandbox"] });
    expect(put.data.restrictions).toMatchObject({
      url: `${fixture.url}/repos/acme/widgets/branches/main/protection/restrictions`,
      apps_url: `${fixture.url}/repos/acme/widgets/branches/main/protection/restrictions/apps`,
      users: [{ login: "octocat" }],
      teams: [],
      apps: [{ id: 4242, slug: "autopilot-sandbox", name: "Autopilot (sandbox)", owner: { login: "acme" } }],
    });
    const got = await fixture.user("octocat").rest.repos.getBranchProtection({ owner, repo, branch: "main" });
    expect(got.data).toEqual(put.data);

    // GitHub: "Passing new arrays of users and teams replaces their previous values"; apps stay unless given
    const kept = await restrictMain(fixture, { users: [] });
    expect(kept.data.restrictions?.apps.map((app) => app?.slug)).toEqual(["autopilot-sandbox"]);
    expect(kept.data.restrictions?.users).toEqual([]);
    const cleared = await restrictMain(fixture, { users: [], apps: [] });
    expect(cleared.data.restrictions?.apps).toEqual([]);
  });

  it("refuses restrictions, even empty ones, on a repository a user account owns", async () => {
    const notes = await fixture.ctx.state.createRepo("mona", "notes");
    const blob = await notes.git.createBlob("notes\n");
    const tree = await notes.git.createTree([{ path: "notes.md", mode: "100644", type: "blob", sha: blob.sha }]);
    await notes.git.createRef(
      "refs/heads/main",
      (await notes.git.createCommit({ message: "notes", tree: tree.sha, parents: [] })).sha,
    );
    const protect = (restrictions: { users: string[]; teams: string[] } | null) =>
      fixture.user("mona").rest.repos.updateBranchProtection({
        owner: "mona",
        repo: "notes",
        branch: "main",
        required_status_checks: null,
        enforce_admins: false,
        required_pull_request_reviews: null,
        restrictions,
      });

    expect(await requestFailure(protect({ users: [], teams: [] }))).toMatchObject({
      status: 422,
      message: "Only organization repositories can have users and team restrictions",
    });
    expect(notes.protections.size).toBe(0);
    expect((await protect(null)).data.restrictions).toBeUndefined();
  });

  it("refuses an app that is unknown or may not write contents, and any team, storing nothing", async () => {
    asInstalledApp(fixture, labelBot);
    for (const apps of [["no-such-app"], ["label-bot"]]) {
      const refused = await requestFailure(restrictMain(fixture, { users: [], apps }));
      expect(refused).toMatchObject({ status: 422, message: "Validation Failed" });
      expect(JSON.stringify(refused.data.errors)).toContain(`${apps[0]} is not an app installed on this repository`);
    }
    const teams = await requestFailure(restrictMain(fixture, { users: [], teams: ["core"] }));
    expect(teams.status).toBe(422);
    expect(teams.message).toContain("Team restrictions are not implemented: the sandbox has no teams");
    expect(fixture.repo.protections.size).toBe(0);
  });

  it("lets a listed app and a listed user push, and refuses an unlisted app and writer", async () => {
    fixture.ctx.state.setPermission(fixture.repo, "writer", "write");
    fixture.ctx.state.setPermission(fixture.repo, "trusted", "write");
    const actions = asInstalledApp(fixture, githubActionsApp);
    await restrictMain(fixture, { users: ["trusted"], apps: ["autopilot-sandbox"] });

    const byActions = actions.rest.git.updateRef({ owner, repo, ref: "heads/main", sha: await nextCommit("a.txt") });
    expect(await requestFailure(byActions)).toMatchObject(notAuthorized);
    const byWriter = fixture.user("writer").rest.repos.createOrUpdateFileContents({
      owner,
      repo,
      path: "w.txt",
      message: "w",
      content: "dw==",
    });
    expect(await requestFailure(byWriter)).toMatchObject(notAuthorized);

    const byApp = await nextCommit("app.txt");
    await fixture.app().rest.git.updateRef({ owner, repo, ref: "heads/main", sha: byApp });
    expect(await tipOfMain()).toBe(byApp);
    const written = await fixture.user("trusted").rest.repos.createOrUpdateFileContents({
      owner,
      repo,
      path: "t.txt",
      message: "t",
      content: "dA==",
    });
    expect(await tipOfMain()).toBe(written.data.commit.sha);
  });

  it("lets an unlisted admin push unless enforce_admins, and refuses an app's GraphQL commit", async () => {
    await restrictMain(fixture, { users: [] });
    const first = await nextCommit("admin.txt");
    await fixture.user("octocat").rest.git.updateRef({ owner, repo, ref: "heads/main", sha: first });
    expect(await tipOfMain()).toBe(first);

    await restrictMain(fixture, { users: [] }, { enforceAdmins: true });
    const second = await nextCommit("again.txt");
    const byAdmin = fixture.user("octocat").rest.git.updateRef({ owner, repo, ref: "heads/main", sha: second });
    expect(await requestFailure(byAdmin)).toMatchObject(notAuthorized);

    const commit = await fixture
      .app()
      .graphql<unknown>(
        `mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid } } }`,
        {
          input: {
            branch: { repositoryNameWithOwner: "acme/widgets", branchName: "main" },
            expectedHeadOid: first,
            message: { headline: "by the app" },
            fileChanges: { additions: [{ path: "g.txt", contents: "Zw==" }] },
          },
        },
      )
      .then(
        () => undefined,
        (error: { errors?: { message: string }[] }) => error.errors?.[0]?.message,
      );
    expect(commit).toBe("You're not authorized to push to this branch.");
    expect(await tipOfMain()).toBe(first);
  });
});
