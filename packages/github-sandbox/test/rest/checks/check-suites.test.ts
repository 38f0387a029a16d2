import { describe, expect, it } from "vitest";
import { eventNames, useRestFixture, type TestOctokit } from "../rest-fixture.js";
import { author, commitFile, failure } from "./commit-file.js";

describe("check suites", () => {
  let app: TestOctokit;
  let sha: string;
  const repo = { owner: "acme", repo: "widgets" };
  const fixture = useRestFixture({
    perTest: true,
    setUp: async (started) => {
      app = started.app();
      sha = await commitFile(started, started.initialSha, "a.txt");
      await started.repo.git.updateRef("refs/heads/main", sha);
    },
  });

  it("rolls the suite up from its runs and announces its completion once", async () => {
    const scope = await app.rest.checks.create({ ...repo, name: "scope", head_sha: sha, status: "in_progress" });
    const review = await app.rest.checks.create({ ...repo, name: "review", head_sha: sha });
    const suiteId = scope.data.check_suite!.id;
    const suite = async () => (await app.rest.checks.getSuite({ ...repo, check_suite_id: suiteId })).data;
    expect(await suite()).toMatchObject({
      status: "in_progress",
      conclusion: null,
      latest_check_runs_count: 2,
      head_branch: "main",
    });

    await app.rest.checks.update({ ...repo, check_run_id: scope.data.id, conclusion: "success" });
    expect(await suite()).toMatchObject({ status: "in_progress", conclusion: null });
    await app.rest.checks.update({ ...repo, check_run_id: review.data.id, conclusion: "neutral" });
    expect(await suite()).toMatchObject({ status: "completed", conclusion: "neutral" });
    await app.rest.checks.update({ ...repo, check_run_id: review.data.id, conclusion: "action_required" });
    const done = await suite();
    expect(done).toMatchObject({ status: "completed", conclusion: "action_required", head_sha: sha, after: sha });
    expect(done.head_commit).toMatchObject({ id: sha, message: "Add a.txt", author });

    expect(eventNames(fixture)).toEqual([
      "check_run.created",
      "check_run.created",
      "check_run.completed",
      "check_run.completed",
      "check_suite.completed",
    ]);
    expect(fixture.events.at(-1)).toMatchObject({ suite: { id: suiteId, status: "completed", conclusion: "neutral" } });
  });

  it("rerequests a run (suite back to queued, run unchanged) and a suite", async () => {
    const { data: run } = await app.rest.checks.create({
      ...repo,
      name: "scope",
      head_sha: sha,
      conclusion: "failure",
    });
    const suiteId = run.check_suite!.id;
    fixture.events.length = 0;

    const rerun = await app.rest.checks.rerequestRun({ ...repo, check_run_id: run.id });
    expect(rerun.status).toBe(201);
    expect(rerun.data).toEqual({});
    expect(eventNames(fixture)).toEqual(["check_run.rerequested"]);
    expect((await app.rest.checks.get({ ...repo, check_run_id: run.id })).data).toMatchObject({
      status: "completed",
      conclusion: "failure",
    });
    expect((await app.rest.checks.getSuite({ ...repo, check_suite_id: suiteId })).data).toMatchObject({
      status: "queued",
      conclusion: null,
    });

    // the app answers the rerequest by completing the run again: the suite completes again
    await app.rest.checks.update({ ...repo, check_run_id: run.id, status: "in_progress" });
    await app.rest.checks.update({ ...repo, check_run_id: run.id, conclusion: "success" });
    const resuite = await app.rest.checks.rerequestSuite({ ...repo, check_suite_id: suiteId });
    expect(resuite.status).toBe(201);
    expect(eventNames(fixture)).toEqual([
      "check_run.rerequested",
      "check_run.completed",
      "check_suite.completed",
      "check_suite.rerequested",
    ]);
    expect(await failure(app.rest.checks.rerequestRun({ ...repo, check_run_id: 999_999 }))).toEqual({
      status: 404,
      message: "Not Found",
    });
  });

  it("creates suites (201, then 200 for the same commit) and lists them by ref", async () => {
    const created = await app.rest.checks.createSuite({ ...repo, head_sha: sha });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      head_sha: sha,
      status: "queued",
      app: { id: 4242 },
      repository: { full_name: "acme/widgets" },
    });
    const existing = await app.rest.checks.createSuite({ ...repo, head_sha: sha });
    expect(existing.status).toBe(200);
    expect(existing.data.id).toBe(created.data.id);
    await app.rest.checks.create({ ...repo, name: "scope", head_sha: sha });

    const listed = await app.rest.checks.listSuitesForRef({ ...repo, ref: "main" });
    expect(listed.data).toMatchObject({
      total_count: 1,
      check_suites: [{ id: created.data.id, latest_check_runs_count: 1 }],
    });
    expect((await app.rest.checks.listSuitesForRef({ ...repo, ref: sha, check_name: "other" })).data.total_count).toBe(
      0,
    );
    expect(await failure(app.rest.checks.getSuite({ ...repo, check_suite_id: 1 }))).toEqual({
      status: 404,
      message: "Not Found",
    });
  });
});
