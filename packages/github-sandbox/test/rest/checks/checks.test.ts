import { describe, expect, it } from "vitest";
import { eventNames, useRestFixture, type TestOctokit } from "../rest-fixture.js";
import { commitFile, failure } from "./commit-file.js";

describe("check runs", () => {
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

  it("creates a queued run in the app's suite for the commit and announces it", async () => {
    const { status, data } = await app.rest.checks.create({
      ...repo,
      name: "autopilot/scope",
      head_sha: sha,
      external_id: "x-1",
    });
    expect(status).toBe(201);
    expect(data).toMatchObject({
      name: "autopilot/scope",
      head_sha: sha,
      status: "queued",
      conclusion: null,
      completed_at: null,
      external_id: "x-1",
      output: { title: null, summary: null, text: null, annotations_count: 0 },
      app: { id: 4242, slug: "autopilot-sandbox" },
    });
    expect(data.output.annotations_url).toBe(`${fixture.url}/repos/acme/widgets/check-runs/${data.id}/annotations`);
    const suite = fixture.repo.checkSuites.get(data.check_suite!.id);
    expect(suite).toMatchObject({ headSha: sha, headBranch: "main", status: "queued" });
    expect(eventNames(fixture)).toEqual(["check_run.created"]);
    expect(fixture.events[0]).toMatchObject({ sender: { login: "autopilot-sandbox[bot]" } });

    const again = await app.rest.checks.get({ ...repo, check_run_id: data.id });
    expect(again.data).toEqual(data);
  });

  it("refuses a head_sha that is not a commit of the repository", async () => {
    const missing = "1".repeat(40);
    expect(await failure(app.rest.checks.create({ ...repo, name: "x", head_sha: missing }))).toEqual({
      status: 422,
      message: `No commit found for SHA: ${missing}`,
    });
    expect(fixture.repo.checkRuns.size).toBe(0);
  });

  it("completes a run given a conclusion, and refuses completed without one", async () => {
    const bare = await failure(app.rest.checks.create({ ...repo, name: "x", head_sha: sha, status: "completed" }));
    expect(bare.status).toBe(422);
    expect(bare.message).toContain('"conclusion" wasn\'t supplied.');

    const { data } = await app.rest.checks.create({
      ...repo,
      name: "x",
      head_sha: sha,
      status: "in_progress",
      conclusion: "success",
    });
    expect(data).toMatchObject({ status: "completed", conclusion: "success" });
    expect(data.completed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // GitHub announces a run born completed both as created and as completed; its suite completes too.
    expect(eventNames(fixture)).toEqual(["check_run.created", "check_run.completed", "check_suite.completed"]);

    const update = await failure(app.rest.checks.update({ ...repo, check_run_id: data.id, status: "completed" }));
    expect(update.status).toBe(422);
    expect(update.message).toContain('"conclusion" wasn\'t supplied.');
  });

  it("appends annotations across create and update and lists them page by page", async () => {
    const note = (line: number) => ({
      path: "a.txt",
      start_line: line,
      end_line: line,
      annotation_level: "warning" as const,
      message: `line ${line}`,
    });
    const { data: created } = await app.rest.checks.create({
      ...repo,
      name: "lint",
      head_sha: sha,
      status: "in_progress",
      output: { title: "Lint", summary: "first", annotations: Array.from({ length: 50 }, (_, i) => note(i + 1)) },
    });
    expect(created.output.annotations_count).toBe(50);
    const { data: updated } = await app.rest.checks.update({
      ...repo,
      check_run_id: created.id,
      conclusion: "failure",
      output: { title: "Lint", summary: "second", text: "details", annotations: [note(51), note(52)] },
    });
    expect(updated).toMatchObject({
      status: "completed",
      conclusion: "failure",
      output: { summary: "second", text: "details", annotations_count: 52 },
    });

    const page = await app.rest.checks.listAnnotations({ ...repo, check_run_id: created.id, per_page: 50, page: 2 });
    expect(page.data.map((annotation) => annotation.message)).toEqual(["line 51", "line 52"]);
    expect(page.data[0]).toMatchObject({
      path: "a.txt",
      start_column: null,
      title: null,
      blob_href: `${fixture.url}/acme/widgets/blob/${sha}/a.txt`,
    });
    expect(page.headers.link).toContain('rel="prev"');
    const all = await app.paginate(app.rest.checks.listAnnotations, {
      ...repo,
      check_run_id: created.id,
      per_page: 20,
    });
    expect(all).toHaveLength(52);
    expect(eventNames(fixture)).toEqual(["check_run.created", "check_run.completed", "check_suite.completed"]);
  });

  it("enforces GitHub's limits through the real server: 65535 characters, 50 annotations per call", async () => {
    const long = await failure(
      app.rest.checks.create({
        ...repo,
        name: "x",
        head_sha: sha,
        output: { title: "t", summary: "s".repeat(65_536) },
      }),
    );
    expect(long).toEqual({
      status: 422,
      message: expect.stringContaining("Only 65535 characters are allowed; 65536 were supplied."),
    });
    const annotations = Array.from({ length: 51 }, () => ({
      path: "a.txt",
      start_line: 1,
      end_line: 1,
      annotation_level: "notice" as const,
      message: "m",
    }));
    const many = await failure(
      app.rest.checks.create({ ...repo, name: "x", head_sha: sha, output: { title: "t", summary: "s", annotations } }),
    );
    expect(many).toEqual({
      status: 422,
      message: expect.stringContaining("Only 50 items are allowed; 51 were supplied."),
    });
    expect(fixture.repo.checkRuns.size).toBe(0);
  });

  it("lists the latest run per name by ref (sha, branch, tag), or all of them, with filters", async () => {
    await fixture.repo.git.createRef("refs/tags/v1", sha);
    const first = await app.rest.checks.create({ ...repo, name: "scope", head_sha: sha, conclusion: "failure" });
    const second = await app.rest.checks.create({ ...repo, name: "scope", head_sha: sha, status: "in_progress" });
    const other = await app.rest.checks.create({ ...repo, name: "review", head_sha: sha, conclusion: "success" });
    await app.rest.checks.create({ ...repo, name: "scope", head_sha: fixture.initialSha });

    for (const ref of [sha, "main", "v1"]) {
      const latest = await app.rest.checks.listForRef({ ...repo, ref });
      expect(latest.data.total_count).toBe(2);
      expect(latest.data.check_runs.map((run) => run.id)).toEqual([other.data.id, second.data.id]);
    }
    const all = await app.rest.checks.listForRef({ ...repo, ref: sha, filter: "all" });
    expect(all.data.check_runs.map((run) => run.id)).toEqual([other.data.id, second.data.id, first.data.id]);
    const named = await app.rest.checks.listForRef({
      ...repo,
      ref: sha,
      check_name: "scope",
      filter: "all",
      status: "completed",
    });
    expect(named.data.check_runs.map((run) => run.id)).toEqual([first.data.id]);
    const otherApp = await app.rest.checks.listForRef({ ...repo, ref: sha, app_id: 1 });
    expect(otherApp.data.total_count).toBe(0);

    const paged = await app.rest.checks.listForRef({ ...repo, ref: sha, filter: "all", per_page: 2, page: 2 });
    expect(paged.data).toMatchObject({ total_count: 3, check_runs: [{ id: first.data.id }] });
    expect(paged.headers.link).toContain('rel="first"');

    const bySuite = await app.rest.checks.listForSuite({
      ...repo,
      check_suite_id: first.data.check_suite!.id,
      filter: "all",
    });
    expect(bySuite.data.total_count).toBe(3);
    expect(await failure(app.rest.checks.listForRef({ ...repo, ref: "no-such-branch" }))).toEqual({
      status: 422,
      message: "No commit found for SHA: no-such-branch",
    });
  });

  it("lets only GitHub Apps write checks; users may read them", async () => {
    const { data } = await app.rest.checks.create({ ...repo, name: "scope", head_sha: sha });
    expect(await failure(fixture.user("octocat").rest.checks.create({ ...repo, name: "x", head_sha: sha }))).toEqual({
      status: 403,
      message: "You must authenticate via a GitHub App.",
    });
    const read = await fixture.user("reader").rest.checks.get({ ...repo, check_run_id: data.id });
    expect(read.data.id).toBe(data.id);
  });

  it("lists open pull requests on the run's commit", async () => {
    fixture.repo.issues.set(1, {
      id: 5001,
      nodeId: "I_1",
      number: 1,
      title: "t",
      body: null,
      user: fixture.ctx.state.ensureUser("octocat"),
      state: "open",
      stateReason: null,
      labels: [],
      assignees: [],
      locked: false,
      createdAt: "2026-01-01T00:00:00Z",
      updatedAt: "2026-01-01T00:00:00Z",
      closedAt: null,
      closedBy: null,
      pullId: 6001,
      pullNodeId: "PR_1",
      pull: {
        head: { ref: "feature", sha },
        base: { ref: "main", sha: fixture.initialSha },
        draft: false,
        merged: false,
        mergedAt: null,
        mergedBy: null,
        mergeCommitSha: null,
        maintainerCanModify: false,
        requestedReviewers: [],
      },
    });
    const { data } = await app.rest.checks.create({ ...repo, name: "scope", head_sha: sha });
    expect(data.pull_requests).toEqual([
      expect.objectContaining({ id: 6001, number: 1, head: expect.objectContaining({ ref: "feature", sha }) }),
    ]);
  });
});
