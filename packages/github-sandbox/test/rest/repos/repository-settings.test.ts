import { describe, expect, it } from "vitest";
import { basePayload } from "../../../src/events/payload-base.js";
import { linksFor } from "../../../src/represent/index.js";
import { requestFailure, useRestFixture } from "../rest-fixture.js";

const fixture = useRestFixture({ perTest: true });
const owner = "acme";
const repo = "widgets";

const settingKeys = [
  "allow_merge_commit",
  "allow_squash_merge",
  "allow_rebase_merge",
  "allow_auto_merge",
  "delete_branch_on_merge",
  "allow_update_branch",
];

const mergeAllowed = `query { repository(owner: "acme", name: "widgets") {
  mergeCommitAllowed squashMergeAllowed rebaseMergeAllowed } }`;

describe("PATCH /repos/{owner}/{repo}: the merge settings", () => {
  it("lets an admin turn merge methods off, and shows them in REST (to admins) and GraphQL (to readers)", async () => {
    const admin = fixture.user("octocat").rest.repos;
    const { data } = await admin.update({ owner, repo, allow_merge_commit: false, allow_update_branch: true });
    expect(data).toMatchObject({ allow_merge_commit: false, allow_squash_merge: true, allow_rebase_merge: true });
    expect((await admin.get({ owner, repo })).data).toMatchObject({
      allow_merge_commit: false,
      allow_squash_merge: true,
      allow_rebase_merge: true,
      allow_auto_merge: false,
      delete_branch_on_merge: false,
      allow_update_branch: true,
    });
    await admin.update({ owner, repo, allow_rebase_merge: false });
    expect(await fixture.user("reader").graphql(mergeAllowed)).toEqual({
      repository: { mergeCommitAllowed: false, squashMergeAllowed: true, rebaseMergeAllowed: false },
    });
  });

  it("leaves the settings out of the repository for callers without admin access and out of webhooks", async () => {
    fixture.ctx.state.setPermission(fixture.repo, "writer", "write");
    for (const octokit of [fixture.user("writer"), fixture.user("reader"), fixture.app()]) {
      const { data } = await octokit.rest.repos.get({ owner, repo });
      for (const key of settingKeys) expect(data).not.toHaveProperty(key);
    }
    const sender = fixture.ctx.state.ensureUser("octocat");
    const payload = basePayload(fixture.ctx.state, linksFor(fixture.url), "push", undefined, fixture.repo, sender);
    for (const key of settingKeys) expect(payload.repository).not.toHaveProperty(key);
    // a new repository's defaults, as GitHub's
    expect(await fixture.app().graphql(mergeAllowed)).toEqual({
      repository: { mergeCommitAllowed: true, squashMergeAllowed: true, rebaseMergeAllowed: true },
    });
  });

  it("is for administrators only", async () => {
    fixture.ctx.state.setPermission(fixture.repo, "writer", "write");
    fixture.ctx.state.setPermission(fixture.repo, "keeper", "maintain");
    const body = { owner, repo, allow_squash_merge: false };
    expect(await requestFailure(fixture.user("keeper").rest.repos.update(body))).toMatchObject({
      status: 403,
      message: "Must have admin rights to Repository.",
    });
    expect(await requestFailure(fixture.user("writer").rest.repos.update(body))).toMatchObject({ status: 403 });
    // the app's installation has no `administration` permission
    expect(await requestFailure(fixture.app().rest.repos.update(body))).toMatchObject({
      status: 403,
      message: "Resource not accessible by integration",
    });
    expect(await requestFailure(fixture.user("stranger").rest.repos.update(body))).toMatchObject({ status: 403 });
    expect(fixture.repo.mergeSettings.allowSquashMerge).toBe(true);
  });

  it("keeps one merge method on, and refuses what the sandbox does not model instead of ignoring it", async () => {
    const admin = fixture.user("octocat").rest.repos;
    await admin.update({ owner, repo, allow_merge_commit: false, allow_rebase_merge: false });
    const lastOff = await requestFailure(admin.update({ owner, repo, allow_squash_merge: false }));
    expect(lastOff).toMatchObject({ status: 422 });
    expect(lastOff.message).toContain("At least one merge method must be enabled.");
    for (const body of [{ delete_branch_on_merge: true }, { allow_auto_merge: true }, { description: "new" }]) {
      const refused = await requestFailure(admin.update({ owner, repo, ...body }));
      expect(refused.status).toBe(422);
      expect(refused.message).toContain("not implemented");
      expect(refused.message).toContain(Object.keys(body)[0]);
    }
    // what the sandbox already behaves by is accepted
    expect((await admin.update({ owner, repo, delete_branch_on_merge: false })).status).toBe(200);
    expect(fixture.repo.mergeSettings).toMatchObject({ allowSquashMerge: true, allowMergeCommit: false });
    expect(fixture.repo.description).toBe("Widgets, made by agents");
  });
});
