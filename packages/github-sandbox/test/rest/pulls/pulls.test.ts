import { describe, expect, it } from "vitest";
import { useRestFixture } from "../rest-fixture.js";
import { commitTo, eventNames, failure, openPull } from "./pull-helpers.js";

const fixture = useRestFixture({ perTest: true });

const repo = (): { owner: string; repo: string } => ({ owner: fixture.owner, repo: fixture.name });

describe("pulls/create and pulls/get", () => {
  it("opens a pull request with GitHub's full shape and emits pull_request.opened", async () => {
    const head = await commitTo(fixture, "feature", {
      "src/a.ts": "export const a = 1;\n",
      "README.md": "# widgets\nmore\n",
    });
    const created = await fixture
      .app()
      .rest.pulls.create({ ...repo(), head: "feature", base: "main", title: "Add a", body: "Adds a." });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(created.data.url);
    expect(created.data).toMatchObject({
      number: 1,
      state: "open",
      title: "Add a",
      body: "Adds a.",
      draft: false,
      merged: false,
      user: { login: "autopilot-sandbox[bot]" },
      head: { ref: "feature", sha: head, label: "acme:feature", repo: { full_name: "acme/widgets" } },
      base: { ref: "main", sha: fixture.initialSha },
    });

    const { data } = await fixture.user("octocat").rest.pulls.get({ ...repo(), pull_number: 1 });
    expect(data).toMatchObject({
      commits: 1,
      additions: 2,
      deletions: 0,
      changed_files: 2,
      mergeable: true,
      mergeable_state: "clean",
    });
    expect(data.merge_commit_sha).toMatch(/^[0-9a-f]{40}$/);
    expect(data.node_id).not.toBe(fixture.repo.issues.get(1)?.nodeId);
    expect(eventNames(fixture)).toEqual(["pull_request.opened"]);
  });

  it("shares numbers with issues and accepts `owner:branch` as head", async () => {
    await fixture.app().rest.issues.create({ ...repo(), title: "An issue first" });
    await commitTo(fixture, "feature", { "b.txt": "b\n" });
    const { data } = await fixture
      .app()
      .rest.pulls.create({ ...repo(), head: "acme:feature", base: "main", title: "B" });
    expect(data.number).toBe(2);
  });

  it("refuses branches that do not exist with GitHub's Validation Failed errors", async () => {
    const both = await failure(fixture.app().rest.pulls.create({ ...repo(), head: "nope", base: "gone", title: "x" }));
    expect(both.status).toBe(422);
    expect(both.data.message).toBe("Validation Failed");
    expect(both.data.errors).toEqual([
      { resource: "PullRequest", field: "base", code: "invalid" },
      { resource: "PullRequest", field: "head", code: "invalid" },
    ]);
    await commitTo(fixture, "feature", { "b.txt": "b\n" });
    const foreign = await failure(
      fixture.app().rest.pulls.create({ ...repo(), head: "someone:feature", base: "main", title: "x" }),
    );
    expect(foreign.data.errors).toEqual([{ resource: "PullRequest", field: "head", code: "invalid" }]);
  });

  it("refuses a head with no commits beyond base, and a second open pull request for the same head", async () => {
    await fixture.repo.git.createRef("refs/heads/empty", fixture.initialSha);
    const empty = await failure(
      fixture.app().rest.pulls.create({ ...repo(), head: "empty", base: "main", title: "x" }),
    );
    expect(empty.status).toBe(422);
    expect(empty.data.errors).toEqual([
      { resource: "PullRequest", code: "custom", message: "No commits between main and empty" },
    ]);

    await commitTo(fixture, "feature", { "b.txt": "b\n" });
    await openPull(fixture, "feature");
    const again = await failure(
      fixture.app().rest.pulls.create({ ...repo(), head: "feature", base: "main", title: "again" }),
    );
    expect(again.data.errors).toEqual([
      { resource: "PullRequest", code: "custom", message: "A pull request already exists for acme:feature." },
    ]);
  });

  it("converts an issue into a pull request, keeping its number and title", async () => {
    const issue = await fixture.app().rest.issues.create({ ...repo(), title: "Do the thing", body: "details" });
    await commitTo(fixture, "thing", { "t.txt": "t\n" });
    const { data } = await fixture
      .app()
      .rest.pulls.create({ ...repo(), head: "thing", base: "main", issue: issue.data.number });
    expect(data).toMatchObject({ number: issue.data.number, title: "Do the thing", body: "details" });
  });

  it("answers 404 for an issue's number and 403 to an installation without pull_requests write", async () => {
    await fixture.app().rest.issues.create({ ...repo(), title: "Just an issue" });
    expect((await failure(fixture.app().rest.pulls.get({ ...repo(), pull_number: 1 }))).status).toBe(404);
    await commitTo(fixture, "feature", { "b.txt": "b\n" });
    const reader = fixture.narrowedApp({ pull_requests: "read", contents: "write" });
    const refused = await failure(reader.rest.pulls.create({ ...repo(), head: "feature", base: "main", title: "x" }));
    expect(refused).toMatchObject({ status: 403, data: { message: "Resource not accessible by integration" } });
    expect(eventNames(fixture)).toEqual(["issues.opened"]);
  });
});

describe("pulls/list", () => {
  it("filters by state, head and base, sorts, and paginates with a Link header", async () => {
    for (const branch of ["one", "two", "three"]) {
      await commitTo(fixture, branch, { [`${branch}.txt`]: `${branch}\n` });
      await openPull(fixture, branch);
    }
    await fixture.app().rest.pulls.update({ ...repo(), pull_number: 2, state: "closed" });
    const octokit = fixture.app();
    const open = await octokit.rest.pulls.list({ ...repo() });
    expect(open.data.map((pull) => pull.number)).toEqual([3, 1]);
    const all = await octokit.rest.pulls.list({ ...repo(), state: "all", direction: "asc" });
    expect(all.data.map((pull) => pull.number)).toEqual([1, 2, 3]);
    const byHead = await octokit.rest.pulls.list({ ...repo(), state: "all", head: "acme:two" });
    expect(byHead.data.map((pull) => pull.number)).toEqual([2]);
    expect((await octokit.rest.pulls.list({ ...repo(), base: "develop" })).data).toEqual([]);
    const page = await octokit.rest.pulls.list({ ...repo(), state: "all", per_page: 2 });
    expect(page.data).toHaveLength(2);
    expect(page.headers.link).toContain('rel="next"');
  });
});

describe("pulls/update", () => {
  it("edits title and body with `changes`, then closes and reopens", async () => {
    await commitTo(fixture, "feature", { "b.txt": "b\n" });
    await openPull(fixture, "feature", { title: "Old" });
    const octokit = fixture.app();
    const edited = await octokit.rest.pulls.update({ ...repo(), pull_number: 1, title: "New", body: "Body" });
    expect(edited.data).toMatchObject({ title: "New", body: "Body" });
    await octokit.rest.pulls.update({ ...repo(), pull_number: 1, state: "closed" });
    const reopened = await octokit.rest.pulls.update({ ...repo(), pull_number: 1, state: "open" });
    expect(reopened.data.state).toBe("open");
    expect(eventNames(fixture)).toEqual([
      "pull_request.opened",
      "pull_request.edited",
      "pull_request.closed",
      "pull_request.reopened",
    ]);
    const edit = fixture.events[1];
    expect(edit && "changes" in edit ? edit.changes : undefined).toEqual({
      title: { from: "Old" },
      body: { from: "" },
    });
  });

  it("moves the base to an existing branch and refuses an unknown one", async () => {
    await fixture.repo.git.createRef("refs/heads/develop", fixture.initialSha);
    await commitTo(fixture, "feature", { "b.txt": "b\n" });
    await openPull(fixture, "feature");
    const moved = await fixture.app().rest.pulls.update({ ...repo(), pull_number: 1, base: "develop" });
    expect(moved.data.base.ref).toBe("develop");
    const edit = fixture.events.at(-1);
    expect(edit && "changes" in edit ? edit.changes : undefined).toEqual({
      base: { ref: { from: "main" }, sha: { from: fixture.initialSha } },
    });
    const unknown = await failure(fixture.app().rest.pulls.update({ ...repo(), pull_number: 1, base: "nowhere" }));
    expect(unknown.data.errors).toEqual([{ resource: "PullRequest", field: "base", code: "invalid" }]);
  });
});

describe("pulls/list-files and pulls/list-commits", () => {
  it("lists GitHub's diff entries and the commits, oldest first, paginated", async () => {
    await commitTo(fixture, "feature", { "a.txt": "a\n" }, { message: "first" });
    const second = await commitTo(fixture, "feature", { "b.txt": "b\n", "README.md": null }, { message: "second" });
    await openPull(fixture, "feature");
    const octokit = fixture.app();
    const files = await octokit.rest.pulls.listFiles({ ...repo(), pull_number: 1 });
    expect(files.data.map((file) => [file.filename, file.status])).toEqual([
      ["README.md", "removed"],
      ["a.txt", "added"],
      ["b.txt", "added"],
    ]);
    expect(files.data[1]).toMatchObject({
      additions: 1,
      patch: "@@ -0,0 +1 @@\n+a",
      raw_url: expect.stringContaining(`/raw/${second}/a.txt`),
    });
    const paged = await octokit.rest.pulls.listFiles({ ...repo(), pull_number: 1, per_page: 2, page: 2 });
    expect(paged.data.map((file) => file.filename)).toEqual(["b.txt"]);

    const commits = await octokit.rest.pulls.listCommits({ ...repo(), pull_number: 1 });
    expect(commits.data.map((commit) => commit.commit.message)).toEqual(["first", "second"]);
    expect(commits.data[1]?.sha).toBe(second);
  });
});
