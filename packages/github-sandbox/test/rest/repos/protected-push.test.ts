import { afterEach, describe, expect, it } from "vitest";
import { commitOnto, requestFailure, useRestFixture, type RestFixture } from "../rest-fixture.js";

const owner = "acme";
const repo = "widgets";

const tipOf = async (fixture: RestFixture, branch = "main"): Promise<string> => {
  const sha = await fixture.repo.git.getRef(`refs/heads/${branch}`);
  if (sha === undefined) throw new Error(`no branch ${branch}`);
  return sha;
};

async function protectMain(
  fixture: RestFixture,
  options: { reviews: boolean; enforceAdmins?: boolean },
): Promise<void> {
  await fixture.user("octocat").rest.repos.updateBranchProtection({
    owner,
    repo,
    branch: "main",
    required_status_checks: { strict: true, contexts: ["ci/test"] },
    enforce_admins: options.enforceAdmins ?? false,
    required_pull_request_reviews: options.reviews
      ? { required_approving_review_count: 1, require_code_owner_reviews: true }
      : null,
    restrictions: null,
  });
}

describe("Pushes to a protected branch", () => {
  const fixture = useRestFixture();
  afterEach(() => fixture.repo.protections.clear());

  it("refuses the app's ref update, contents write, merge and delete on a branch that requires a pull request", async () => {
    await protectMain(fixture, { reviews: true });
    const app = fixture.app();
    const before = await tipOf(fixture);
    const next = await commitOnto(fixture, before, { "ops/queue.jsonl": "{}\n" });
    const pullRequired = { status: 422, message: "Changes must be made through a pull request." };

    expect(await requestFailure(app.rest.git.updateRef({ owner, repo, ref: "heads/main", sha: next }))).toMatchObject(
      pullRequired,
    );
    const write = app.rest.repos.createOrUpdateFileContents({
      owner,
      repo,
      path: "ops/new.txt",
      message: "x",
      content: "eA==",
    });
    expect(await requestFailure(write)).toMatchObject(pullRequired);
    await fixture.repo.git.createRef("refs/heads/side", next);
    expect(await requestFailure(app.rest.repos.merge({ owner, repo, base: "main", head: "side" }))).toMatchObject(
      pullRequired,
    );
    expect(await requestFailure(app.rest.git.deleteRef({ owner, repo, ref: "heads/main" }))).toMatchObject({
      status: 422,
      message: "Cannot delete this protected branch",
    });
    fixture.ctx.state.setPermission(fixture.repo, "writer", "write");
    const byWriter = fixture.user("writer").rest.git.updateRef({ owner, repo, ref: "heads/main", sha: next });
    expect(await requestFailure(byWriter)).toMatchObject(pullRequired);
    expect(await tipOf(fixture)).toBe(before);

    // enforce_admins off: an admin may push, as GitHub allows
    const pushed = await fixture.user("octocat").rest.git.updateRef({ owner, repo, ref: "heads/main", sha: next });
    expect(pushed.data.object.sha).toBe(next);
  });

  it("with enforce_admins an admin is refused too", async () => {
    await protectMain(fixture, { reviews: true, enforceAdmins: true });
    const next = await commitOnto(fixture, await tipOf(fixture), { "admin.txt": "a\n" });
    const byAdmin = fixture.user("octocat").rest.git.updateRef({ owner, repo, ref: "heads/main", sha: next });
    expect(await requestFailure(byAdmin)).toMatchObject({
      status: 422,
      message: "Changes must be made through a pull request.",
    });
  });

  it("refuses a push whose required checks have not passed, and accepts it once they have", async () => {
    await protectMain(fixture, { reviews: false });
    const app = fixture.app();
    const next = await commitOnto(fixture, await tipOf(fixture), { "checked.txt": "c\n" });
    expect(await requestFailure(app.rest.git.updateRef({ owner, repo, ref: "heads/main", sha: next }))).toMatchObject({
      status: 422,
      message: 'Required status check "ci/test" is expected.',
    });
    await fixture
      .user("octocat")
      .rest.repos.createCommitStatus({ owner, repo, sha: next, state: "failure", context: "ci/test" });
    expect(await requestFailure(app.rest.git.updateRef({ owner, repo, ref: "heads/main", sha: next }))).toMatchObject({
      status: 422,
      message: 'Required status check "ci/test" is failing.',
    });
    await fixture
      .user("octocat")
      .rest.repos.createCommitStatus({ owner, repo, sha: next, state: "success", context: "ci/test" });
    const moved = await app.rest.git.updateRef({ owner, repo, ref: "heads/main", sha: next });
    expect(moved.data.object.sha).toBe(next);
  });

  it("merges a branch into an unprotected one through POST /merges: 201, 204 when nothing is new, 409 on a conflict", async () => {
    const app = fixture.app();
    const base = await tipOf(fixture);
    const side = await commitOnto(fixture, base, { "side.txt": "s\n" });
    await fixture.repo.git.createRef("refs/heads/feature", side);
    const merged = await app.rest.repos.merge({
      owner,
      repo,
      base: "main",
      head: "feature",
      commit_message: "Bring feature",
    });
    expect(merged.status).toBe(201);
    expect(merged.data).toMatchObject({
      commit: { message: "Bring feature" },
      parents: [{ sha: base }, { sha: side }],
    });
    expect(await tipOf(fixture)).toBe(merged.data.sha);
    expect((await app.rest.repos.merge({ owner, repo, base: "main", head: "feature" })).status).toBe(204);

    const ours = await commitOnto(fixture, merged.data.sha, { "side.txt": "ours\n" });
    const theirs = await commitOnto(fixture, merged.data.sha, { "side.txt": "theirs\n" });
    await fixture.repo.git.updateRef("refs/heads/main", ours, { expectedOld: merged.data.sha });
    await fixture.repo.git.createRef("refs/heads/clash", theirs);
    expect(await requestFailure(app.rest.repos.merge({ owner, repo, base: "main", head: "clash" }))).toMatchObject({
      status: 409,
      message: "Merge conflict",
    });
    expect(await requestFailure(app.rest.repos.merge({ owner, repo, base: "nope", head: "clash" }))).toMatchObject({
      status: 404,
      message: "Base does not exist",
    });
  });
});
