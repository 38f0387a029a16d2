import { describe, expect, it } from "vitest";
import { useRestFixture } from "../rest-fixture.js";
import { setBranch, resetBranches } from "./repo-helpers.js";

const b64 = (text: string): string => Buffer.from(text).toString("base64");
const text = (data: unknown): string => Buffer.from((data as { content: string }).content, "base64").toString("utf8");

describe("Contents API: writing", () => {
  const owner = "acme";
  const repo = "widgets";

  const fixture = useRestFixture({ afterEach: resetBranches });

  it("creates a file with 201, updates it with its sha with 200, and pushes each time", async () => {
    const octokit = fixture.user("octocat");
    const created = await octokit.rest.repos.createOrUpdateFileContents({
      owner,
      repo,
      path: "notes/todo.md",
      message: "Add todo",
      content: b64("one\n"),
    });
    expect(created.status).toBe(201);
    expect(created.data.content).toMatchObject({ path: "notes/todo.md", name: "todo.md", type: "file", size: 4 });
    expect(created.data.commit).toMatchObject({
      message: "Add todo",
      parents: [{ sha: fixture.initialSha }],
      author: { name: "octocat", email: expect.stringMatching(/\+octocat@users\.noreply\.github\.com$/) },
    });
    const first = created.data.commit.sha ?? "";
    expect(await fixture.repo.git.getRef("refs/heads/main")).toBe(first);
    expect(fixture.events[0]).toMatchObject({
      name: "push",
      ref: "refs/heads/main",
      before: fixture.initialSha,
      after: first,
    });

    const updated = await octokit.rest.repos.createOrUpdateFileContents({
      owner,
      repo,
      path: "notes/todo.md",
      message: "Update todo",
      content: b64("two\n"),
      sha: created.data.content?.sha ?? "",
      committer: { name: "Bot", email: "bot@example.com" },
      author: { name: "Ada", email: "ada@example.com", date: "2025-01-01T00:00:00Z" },
    });
    expect(updated.status).toBe(200);
    expect(updated.data.commit).toMatchObject({
      parents: [{ sha: first }],
      committer: { name: "Bot", email: "bot@example.com" },
      author: { name: "Ada", email: "ada@example.com", date: "2025-01-01T00:00:00Z" },
    });
    const read = await octokit.rest.repos.getContent({ owner, repo, path: "notes/todo.md" });
    expect(text(read.data)).toBe("two\n");
  });

  it("refuses to overwrite without a sha (422) or with a stale one (409)", async () => {
    const octokit = fixture.app();
    await expect(
      octokit.rest.repos.createOrUpdateFileContents({
        owner,
        repo,
        path: "README.md",
        message: "x",
        content: b64("x"),
      }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Invalid request.\n\n"sha" wasn\'t supplied.' } },
    });
    const stale = "4".repeat(40);
    await expect(
      octokit.rest.repos.createOrUpdateFileContents({
        owner,
        repo,
        path: "README.md",
        message: "x",
        content: b64("x"),
        sha: stale,
      }),
    ).rejects.toMatchObject({ status: 409, response: { data: { message: `README.md does not match ${stale}` } } });
    expect(fixture.events).toEqual([]);
    expect(await fixture.repo.git.getRef("refs/heads/main")).toBe(fixture.initialSha);
  });

  it("writes to a named branch, and answers 404 for a branch that does not exist", async () => {
    await setBranch(fixture, "topic", fixture.initialSha);
    const octokit = fixture.app();
    const written = await octokit.rest.repos.createOrUpdateFileContents({
      owner,
      repo,
      path: "topic.txt",
      message: "On topic",
      content: b64("t\n"),
      branch: "topic",
    });
    expect(await fixture.repo.git.getRef("refs/heads/topic")).toBe(written.data.commit.sha);
    expect(await fixture.repo.git.getRef("refs/heads/main")).toBe(fixture.initialSha);
    expect(fixture.events.map((event) => event.name)).toEqual(["push", "check_suite"]);

    await expect(
      octokit.rest.repos.createOrUpdateFileContents({
        owner,
        repo,
        path: "x.txt",
        message: "x",
        content: b64("x"),
        branch: "ghost",
      }),
    ).rejects.toMatchObject({ status: 404, response: { data: { message: "Branch ghost not found" } } });
  });

  it("starts the default branch of an empty repository with its first file", async () => {
    const empty = await fixture.ctx.state.createRepo("acme", "empty");
    const octokit = fixture.app();
    await expect(octokit.rest.repos.getContent({ owner, repo: "empty", path: "README.md" })).rejects.toMatchObject({
      status: 404,
      response: { data: { message: "This repository is empty." } },
    });
    const created = await octokit.rest.repos.createOrUpdateFileContents({
      owner,
      repo: "empty",
      path: "README.md",
      message: "Initial commit",
      content: b64("hello\n"),
    });
    expect(created.status).toBe(201);
    expect(created.data.commit.parents).toEqual([]);
    expect(await empty.git.getRef("refs/heads/main")).toBe(created.data.commit.sha);
    expect(fixture.events[0]).toMatchObject({ name: "push", ref: "refs/heads/main", after: created.data.commit.sha });
  });

  it("deletes a file with its sha; a stale sha is a 409 and a missing file a 404", async () => {
    const octokit = fixture.app();
    const readme = await octokit.rest.repos.getContent({ owner, repo, path: "README.md" });
    const sha = (readme.data as { sha: string }).sha;
    await expect(
      octokit.rest.repos.deleteFile({ owner, repo, path: "README.md", message: "rm", sha: "5".repeat(40) }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      octokit.rest.repos.deleteFile({ owner, repo, path: "nope.md", message: "rm", sha }),
    ).rejects.toMatchObject({
      status: 404,
    });

    const deleted = await octokit.rest.repos.deleteFile({
      owner,
      repo,
      path: "README.md",
      message: "Remove readme",
      sha,
    });
    expect(deleted.data.content).toBeNull();
    expect(deleted.data.commit).toMatchObject({ message: "Remove readme", parents: [{ sha: fixture.initialSha }] });
    await expect(octokit.rest.repos.getContent({ owner, repo, path: "README.md" })).rejects.toMatchObject({
      status: 404,
    });
    expect(fixture.events[0]).toMatchObject({ name: "push", after: deleted.data.commit.sha });
  });

  it("refuses writes to a token with contents read only and to a reader, but lets both read", async () => {
    const readOnly = fixture.ctx.auth.createInstallationToken(fixture.installationId, {
      permissions: { contents: "read" },
    });
    const app = fixture.app({ auth: { token: readOnly.token } });
    const put = { owner, repo, path: "new.txt", message: "x", content: b64("x") };
    await expect(app.rest.repos.createOrUpdateFileContents(put)).rejects.toMatchObject({
      status: 403,
      response: { data: { message: "Resource not accessible by integration" } },
    });
    await expect(fixture.user("reader").rest.repos.createOrUpdateFileContents(put)).rejects.toMatchObject({
      status: 403,
      response: { data: { message: "Must have push access to this repository." } },
    });
    await expect(app.rest.repos.getContent({ owner, repo, path: "README.md" })).resolves.toMatchObject({ status: 200 });
    await expect(
      fixture.user("reader").rest.repos.getContent({ owner, repo, path: "README.md" }),
    ).resolves.toMatchObject({
      status: 200,
    });
    expect(fixture.events).toEqual([]);
  });
});
