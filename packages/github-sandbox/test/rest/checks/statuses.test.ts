import { describe, expect, it } from "vitest";
import { useRestFixture, type TestOctokit } from "../rest-fixture.js";
import { failure } from "./commit-file.js";

describe("commit statuses", () => {
  let ci: TestOctokit;
  const repo = { owner: "acme", repo: "widgets" };
  const fixture = useRestFixture({
    perTest: true,
    setUp: (started) => {
      ci = started.user("octocat");
    },
  });

  it('creates a status (context defaults to "default") and announces it', async () => {
    const { status, data } = await ci.rest.repos.createCommitStatus({
      ...repo,
      sha: fixture.initialSha,
      state: "pending",
    });
    expect(status).toBe(201);
    expect(data).toMatchObject({
      state: "pending",
      context: "default",
      description: null,
      target_url: null,
      creator: { login: "octocat" },
      url: `${fixture.url}/repos/acme/widgets/statuses/${fixture.initialSha}`,
    });
    expect(fixture.events).toEqual([
      expect.objectContaining({
        name: "status",
        sender: expect.objectContaining({ login: "octocat" }),
        status: expect.objectContaining({ id: data.id, sha: fixture.initialSha }),
      }),
    ]);
  });

  it("refuses a sha that is no commit, and writers without push access or the statuses permission", async () => {
    const missing = "2".repeat(40);
    expect(await failure(ci.rest.repos.createCommitStatus({ ...repo, sha: missing, state: "success" }))).toEqual({
      status: 422,
      message: `No commit found for SHA: ${missing}`,
    });
    expect(
      await failure(
        fixture.user("reader").rest.repos.createCommitStatus({ ...repo, sha: fixture.initialSha, state: "success" }),
      ),
    ).toEqual({
      status: 403,
      message: "Must have push access to this repository.",
    });
    // the app's installation has statuses: read (app.yml), so it may read but not write them
    expect(
      await failure(
        fixture.app().rest.repos.createCommitStatus({ ...repo, sha: fixture.initialSha, state: "success" }),
      ),
    ).toEqual({
      status: 403,
      message: "Resource not accessible by integration",
    });
    expect(fixture.events).toEqual([]);
  });

  it("lists statuses newest first and combines the latest per context", async () => {
    const sha = fixture.initialSha;
    const app = fixture.app();
    const combined = async () => (await app.rest.repos.getCombinedStatusForRef({ ...repo, ref: "main" })).data;
    expect(await combined()).toMatchObject({ state: "pending", total_count: 0, statuses: [], sha });

    await ci.rest.repos.createCommitStatus({ ...repo, sha, state: "pending", context: "ci/build" });
    await ci.rest.repos.createCommitStatus({
      ...repo,
      sha,
      state: "success",
      context: "ci/build",
      target_url: "https://ci.example.com/1",
    });
    expect(await combined()).toMatchObject({
      state: "success",
      total_count: 1,
      statuses: [{ context: "ci/build", state: "success" }],
    });

    await ci.rest.repos.createCommitStatus({
      ...repo,
      sha,
      state: "pending",
      context: "ci/lint",
      description: "running",
    });
    expect((await combined()).state).toBe("pending");
    await ci.rest.repos.createCommitStatus({ ...repo, sha, state: "error", context: "CI/LINT" });
    const done = await combined();
    expect(done).toMatchObject({ state: "failure", total_count: 2, repository: { full_name: "acme/widgets" } });
    expect(done.statuses.map((status) => `${status.context}:${status.state}`)).toEqual([
      "CI/LINT:error",
      "ci/build:success",
    ]);

    const listed = await app.rest.repos.listCommitStatusesForRef({ ...repo, ref: sha, per_page: 3 });
    expect(listed.data.map((status) => status.state)).toEqual(["error", "pending", "success"]);
    expect(listed.headers.link).toContain('rel="next"');
    expect(await failure(app.rest.repos.listCommitStatusesForRef({ ...repo, ref: "nope" }))).toEqual({
      status: 422,
      message: "No commit found for SHA: nope",
    });
  });
});
