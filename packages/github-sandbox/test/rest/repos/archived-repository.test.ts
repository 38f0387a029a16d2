import { describe, expect, it } from "vitest";
import { defaultInstallationPermissions } from "../../../src/auth/index.js";
import { commitTo, openPull } from "../pulls/pull-helpers.js";
import { eventNames, requestFailure, useRestFixture, type RestFixture } from "../rest-fixture.js";

const owner = "acme";
const repo = "widgets";
const readOnly = "Repository was archived so is read-only.";

/** A pull request (#1, `feature`), an issue (#2) and a label, then archived by the admin. */
const fixture = useRestFixture({
  perTest: true,
  setUp: async (started) => {
    await commitTo(started, "feature", { "feature.txt": "one\n" });
    await openPull(started, "feature");
    await started.app().rest.issues.create({ owner, repo, title: "Sort the widgets" });
    await started.app().rest.issues.createLabel({ owner, repo, name: "autopilot:ready", color: "0e8a16" });
  },
});

const archive = (archived: boolean, octokit = fixture.user("octocat")) =>
  octokit.rest.repos.update({ owner, repo, archived });

/** The app's installation, granted `administration: write` on top of app.yml's permissions. */
function adminApp(started: RestFixture) {
  started.ctx.auth.grantInstallation(started.installationId, {
    ...defaultInstallationPermissions,
    administration: "write",
  });
  return started.narrowedApp({ administration: "write", metadata: "read" });
}

describe("PATCH /repos/{owner}/{repo} with archived", () => {
  it("archives and unarchives for an admin, shows it wherever the repository is shown, and announces each", async () => {
    const { data } = await archive(true);
    expect(data).toMatchObject({ full_name: "acme/widgets", archived: true });
    for (const octokit of [fixture.user("reader"), fixture.app()]) {
      expect((await octokit.rest.repos.get({ owner, repo })).data.archived).toBe(true);
    }
    const listed = (await fixture.app().rest.apps.listReposAccessibleToInstallation()).data.repositories;
    expect(listed.find((entry) => entry.full_name === "acme/widgets")?.archived).toBe(true);
    expect(await fixture.app().graphql(`query { repository(owner: "acme", name: "widgets") { isArchived } }`)).toEqual({
      repository: { isArchived: true },
    });
    expect(eventNames(fixture)).toEqual(["repository.archived"]);
    expect(fixture.events[0]).toMatchObject({ sender: { login: "octocat" } });

    expect((await archive(false)).data.archived).toBe(false);
    expect((await fixture.app().rest.repos.get({ owner, repo })).data.archived).toBe(false);
    expect(eventNames(fixture)).toEqual(["repository.archived", "repository.unarchived"]);
    // a repository that already is what the body asks changes nothing and announces nothing
    await archive(false);
    expect(eventNames(fixture)).toHaveLength(2);
  });

  it("is for admins: a maintainer, a writer and the app without administration are refused", async () => {
    fixture.ctx.state.setPermission(fixture.repo, "keeper", "maintain");
    fixture.ctx.state.setPermission(fixture.repo, "writer", "write");
    expect(await requestFailure(archive(true, fixture.user("keeper")))).toMatchObject({
      status: 403,
      message: "Must have admin rights to Repository.",
    });
    expect(await requestFailure(archive(true, fixture.user("writer")))).toMatchObject({ status: 403 });
    expect(await requestFailure(archive(true, fixture.app()))).toMatchObject({
      status: 403,
      message: "Resource not accessible by integration",
    });
    expect(fixture.repo.archivedAt).toBeNull();
    expect(fixture.events).toEqual([]);
  });

  it("lets an installation with administration: write archive and unarchive", async () => {
    const app = adminApp(fixture);
    expect((await archive(true, app)).data.archived).toBe(true);
    expect((await archive(false, app)).data.archived).toBe(false);
    expect(eventNames(fixture)).toEqual(["repository.archived", "repository.unarchived"]);
    expect(fixture.events[0]).toMatchObject({ sender: { login: "autopilot-sandbox[bot]" } });
  });
});

describe("an archived repository", () => {
  it("refuses every REST write, admins' included, with GitHub's 403 and no change and no event", async () => {
    await archive(true);
    fixture.events.length = 0;
    const app = fixture.app();
    const admin = fixture.user("octocat");
    const head = (await app.rest.pulls.get({ owner, repo, pull_number: 1 })).data.head.sha;
    const writes: [string, Promise<unknown>][] = [
      [
        "repos/create-or-update-file-contents",
        app.rest.repos.createOrUpdateFileContents({
          owner,
          repo,
          path: "ops/queue.jsonl",
          message: "Queue",
          content: Buffer.from("{}\n").toString("base64"),
        }),
      ],
      ["issues/create-comment", admin.rest.issues.createComment({ owner, repo, issue_number: 2, body: "Hi" })],
      ["issues/add-labels", app.rest.issues.addLabels({ owner, repo, issue_number: 2, labels: ["autopilot:ready"] })],
      ["issues/create-label", app.rest.issues.createLabel({ owner, repo, name: "new", color: "ffffff" })],
      ["checks/create", app.rest.checks.create({ owner, repo, name: "autopilot/scope", head_sha: head })],
      ["pulls/merge", admin.rest.pulls.merge({ owner, repo, pull_number: 1 })],
      ["git/create-ref", app.rest.git.createRef({ owner, repo, ref: "refs/heads/other", sha: head })],
      ["issues/create", admin.rest.issues.create({ owner, repo, title: "New" })],
      ["repos/update", admin.rest.repos.update({ owner, repo, archived: true })],
      ["repos/update", admin.rest.repos.update({ owner, repo, allow_merge_commit: false })],
    ];
    for (const [operation, write] of writes) {
      const refused = await requestFailure(write);
      expect({ operation, status: refused.status, message: refused.message }).toEqual({
        operation,
        status: 403,
        message: readOnly,
      });
      expect(refused.data.documentation_url).toMatch(/^https:\/\/docs\.github\.com\/rest\//);
    }
    expect(await fixture.repo.git.readFile("main", "ops/queue.jsonl")).toBeUndefined();
    expect(await fixture.repo.git.getRef("refs/heads/other")).toBeUndefined();
    expect(fixture.repo.comments.size).toBe(0);
    expect(fixture.repo.issues.get(2)?.labels).toEqual([]);
    expect(fixture.repo.labels.has("new")).toBe(false);
    expect(fixture.repo.checkRuns.size).toBe(0);
    expect(fixture.repo.issues.get(1)?.pull?.merged).toBe(false);
    expect(fixture.repo.issues.size).toBe(2);
    expect(fixture.repo.mergeSettings.allowMergeCommit).toBe(true);
    expect(fixture.events).toEqual([]);
  });

  it("still answers reads, and may be forked", async () => {
    await archive(true);
    const app = fixture.app();
    expect((await app.rest.repos.getContent({ owner, repo, path: "README.md" })).status).toBe(200);
    expect((await app.rest.issues.get({ owner, repo, issue_number: 2 })).data.title).toBe("Sort the widgets");
    expect((await app.rest.pulls.get({ owner, repo, pull_number: 1 })).data.state).toBe("open");
    expect((await app.rest.issues.listLabelsForRepo({ owner, repo })).data.map((label) => label.name)).toContain(
      "autopilot:ready",
    );
    expect((await app.rest.git.getRef({ owner, repo, ref: "heads/main" })).data.object.sha).toBe(fixture.initialSha);
    // HEAD arrives as GET: a conditional read is a read
    expect((await app.request("HEAD /repos/{owner}/{repo}", { owner, repo })).status).toBe(200);
    const { data: fork } = await fixture.user("mallory").rest.repos.createFork({ owner, repo });
    expect(fork).toMatchObject({ full_name: "mallory/widgets", fork: true });
  });

  it("takes writes again once unarchived", async () => {
    await archive(true);
    await archive(false);
    fixture.events.length = 0;
    await fixture.app().rest.issues.createComment({ owner, repo, issue_number: 2, body: "Back" });
    expect(eventNames(fixture)).toEqual(["issue_comment.created"]);
    // unarchiving takes the other settings of its body too
    await archive(true);
    const { data } = await fixture.user("octocat").rest.repos.update({
      owner,
      repo,
      archived: false,
      allow_merge_commit: false,
    });
    expect(data).toMatchObject({ archived: false, allow_merge_commit: false });
  });

  it("refuses the unarchive to a non-admin, who keeps getting the admin answer", async () => {
    await archive(true);
    fixture.ctx.state.setPermission(fixture.repo, "writer", "write");
    expect(await requestFailure(archive(false, fixture.user("writer")))).toMatchObject({
      status: 403,
      message: "Must have admin rights to Repository.",
    });
    expect(await requestFailure(archive(false, fixture.app()))).toMatchObject({
      status: 403,
      message: "Resource not accessible by integration",
    });
    expect(fixture.repo.archivedAt).not.toBeNull();
  });
});
