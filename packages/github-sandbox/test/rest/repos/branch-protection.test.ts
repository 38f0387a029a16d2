import { afterEach, describe, expect, it } from "vitest";
import { loggedErrors, requestFailure, useRestFixture } from "../rest-fixture.js";

const owner = "acme";
const repo = "widgets";
const branch = "main";

/** What a team that protects `main` sets: a code owner's review, a required check, up to date. */
const teamProtection = {
  owner,
  repo,
  branch,
  required_status_checks: { strict: true, contexts: [], checks: [{ context: "ci/test", app_id: -1 }] },
  enforce_admins: false,
  required_pull_request_reviews: {
    required_approving_review_count: 1,
    require_code_owner_reviews: true,
    dismiss_stale_reviews: true,
  },
  restrictions: null,
};

describe("Branch protection (PUT/GET/DELETE /branches/{branch}/protection)", () => {
  const fixture = useRestFixture();
  // the fixture's repository is shared by the file's tests
  afterEach(() => fixture.repo.protections.clear());

  it("an admin protects a branch, reads the protection back and the branch reports it", async () => {
    const admin = fixture.user("octocat");
    const put = await admin.rest.repos.updateBranchProtection(teamProtection);
    expect(put.status).toBe(200);
    expect(put.data).toMatchObject({
      url: `${fixture.url}/repos/acme/widgets/branches/main/protection`,
      required_status_checks: { strict: true, contexts: ["ci/test"], checks: [{ context: "ci/test", app_id: null }] },
      required_pull_request_reviews: {
        required_approving_review_count: 1,
        require_code_owner_reviews: true,
        dismiss_stale_reviews: true,
      },
      enforce_admins: { enabled: false },
      allow_force_pushes: { enabled: false },
      allow_deletions: { enabled: false },
    });

    const got = await admin.rest.repos.getBranchProtection({ owner, repo, branch });
    expect(got.data).toEqual(put.data);

    const shown = await fixture.app().rest.repos.getBranch({ owner, repo, branch });
    expect(shown.data).toMatchObject({
      protected: true,
      protection: { enabled: true, required_status_checks: { enforcement_level: "non_admins", contexts: ["ci/test"] } },
    });
    const listed = await fixture.app().rest.repos.listBranches({ owner, repo, protected: true });
    expect(listed.data.map((item) => [item.name, item.protected])).toEqual([["main", true]]);

    expect((await admin.rest.repos.deleteBranchProtection({ owner, repo, branch })).status).toBe(204);
    const after = await fixture.app().rest.repos.getBranch({ owner, repo, branch });
    expect(after.data).toMatchObject({ protected: false, protection: { enabled: false } });
    expect(loggedErrors(fixture)).toEqual([]);
  });

  it("pins a required check to the app that last reported it, unless app_id is -1", async () => {
    await fixture.app().rest.checks.create({ owner, repo, name: "autopilot/scope", head_sha: fixture.initialSha });
    const { data } = await fixture.user("octocat").rest.repos.updateBranchProtection({
      ...teamProtection,
      required_status_checks: { strict: false, contexts: ["autopilot/scope", "ci/other"] },
    });
    expect(data.required_status_checks?.checks).toEqual([
      { context: "autopilot/scope", app_id: 4242 },
      { context: "ci/other", app_id: null },
    ]);
  });

  it("refuses anyone but an admin, and the app without the administration permission, as GitHub does", async () => {
    fixture.ctx.state.setPermission(fixture.repo, "writer", "write");
    const byWriter = await requestFailure(fixture.user("writer").rest.repos.updateBranchProtection(teamProtection));
    expect(byWriter).toMatchObject({ status: 403, message: "Must have admin rights to Repository." });

    const byApp = await requestFailure(fixture.app().rest.repos.updateBranchProtection(teamProtection));
    expect(byApp).toMatchObject({ status: 403, message: "Resource not accessible by integration" });
    const readByApp = await requestFailure(fixture.app().rest.repos.getBranchProtection({ owner, repo, branch }));
    expect(readByApp).toMatchObject({ status: 403, message: "Resource not accessible by integration" });
    expect(fixture.repo.protections.size).toBe(0);
  });

  it("answers 404 for an unprotected or missing branch and 422 for a body GitHub rejects", async () => {
    const admin = fixture.user("octocat");
    expect(await requestFailure(admin.rest.repos.getBranchProtection({ owner, repo, branch }))).toMatchObject({
      status: 404,
      message: "Branch not protected",
    });
    expect(await requestFailure(admin.rest.repos.deleteBranchProtection({ owner, repo, branch }))).toMatchObject({
      status: 404,
      message: "Branch not protected",
    });
    expect(
      await requestFailure(admin.rest.repos.updateBranchProtection({ ...teamProtection, branch: "nope" })),
    ).toMatchObject({
      status: 404,
      message: "Branch not found",
    });
    // `restrictions` is required (null to disable)
    const { restrictions: _left, ...missing } = teamProtection;
    const route = "PUT /repos/{owner}/{repo}/branches/{branch}/protection";
    const invalid = await requestFailure(admin.request(route, missing as typeof teamProtection));
    expect(invalid.status).toBe(422);
    expect(invalid.message).toContain("restrictions");
  });
});
