import { describe, expect, it } from "vitest";
import { useRestFixture } from "../rest-fixture.js";
import { setBranch } from "./repo-helpers.js";

describe("Git Data API: blobs, trees, commits", () => {
  const owner = "acme";
  const repo = "widgets";

  const fixture = useRestFixture({ afterEach: (started) => setBranch(started, "main", started.initialSha) });

  it("takes a commit from blob to tree to commit to ref, and contents then shows it", async () => {
    const octokit = fixture.app();
    const blob = await octokit.rest.git.createBlob({ owner, repo, content: "export const answer = 42;\n" });
    expect(blob.status).toBe(201);
    expect(blob.headers.location).toBe(`${fixture.url}/repos/acme/widgets/git/blobs/${blob.data.sha}`);

    const base = await octokit.rest.git.getCommit({ owner, repo, commit_sha: fixture.initialSha });
    const tree = await octokit.rest.git.createTree({
      owner,
      repo,
      base_tree: base.data.tree.sha,
      tree: [
        { path: "src/answer.ts", mode: "100644", type: "blob", sha: blob.data.sha },
        { path: "docs/notes.md", mode: "100644", type: "blob", content: "notes\n" },
      ],
    });
    expect(tree.status).toBe(201);
    expect(tree.data.tree.map((entry) => [entry.path, entry.type])).toEqual([
      ["README.md", "blob"],
      ["docs", "tree"],
      ["src", "tree"],
    ]);

    const commit = await octokit.rest.git.createCommit({
      owner,
      repo,
      message: "Add the answer",
      tree: tree.data.sha,
      parents: [fixture.initialSha],
    });
    expect(commit.status).toBe(201);
    expect(commit.data).toMatchObject({
      message: "Add the answer",
      tree: { sha: tree.data.sha },
      parents: [{ sha: fixture.initialSha }],
      author: {
        name: "autopilot-sandbox[bot]",
        email: expect.stringMatching(/^\d+\+autopilot-sandbox\[bot\]@users\.noreply\.github\.com$/),
      },
      verification: { verified: false, reason: "unsigned" },
    });
    expect(commit.data.committer).toEqual(commit.data.author);

    const ref = await octokit.rest.git.updateRef({ owner, repo, ref: "heads/main", sha: commit.data.sha });
    expect(ref.data.object.sha).toBe(commit.data.sha);

    const file = await octokit.rest.repos.getContent({ owner, repo, path: "src/answer.ts" });
    expect(file.data).toMatchObject({ type: "file", sha: blob.data.sha, path: "src/answer.ts" });
    const content = (file.data as { content: string }).content;
    expect(Buffer.from(content, "base64").toString("utf8")).toBe("export const answer = 42;\n");
  });

  it("serves a blob as base64 broken every 60 characters, as GitHub does, and raw on request", async () => {
    const octokit = fixture.app();
    const text = "x".repeat(100);
    const created = await octokit.rest.git.createBlob({
      owner,
      repo,
      content: Buffer.from(text).toString("base64"),
      encoding: "base64",
    });
    const { data } = await octokit.rest.git.getBlob({ owner, repo, file_sha: created.data.sha });
    const lines = data.content.split("\n");
    expect(lines.slice(0, -1).every((line) => line.length <= 60)).toBe(true);
    expect(lines[0]).toHaveLength(60);
    expect(data.content.endsWith("\n")).toBe(true);
    expect(data).toMatchObject({ encoding: "base64", size: 100, sha: created.data.sha });
    expect(Buffer.from(data.content, "base64").toString()).toBe(text);

    const raw = await octokit.request("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", {
      owner,
      repo,
      file_sha: created.data.sha,
      mediaType: { format: "raw" },
    });
    expect(raw.data).toBe(text);
  });

  it("answers 404 for an unknown blob, tree or commit", async () => {
    const octokit = fixture.app();
    const missing = "1".repeat(40);
    for (const call of [
      () => octokit.rest.git.getBlob({ owner, repo, file_sha: missing }),
      () => octokit.rest.git.getTree({ owner, repo, tree_sha: missing }),
      () => octokit.rest.git.getCommit({ owner, repo, commit_sha: missing }),
    ]) {
      await expect(call()).rejects.toMatchObject({ status: 404, message: expect.stringContaining("Not Found") });
    }
  });

  it("deletes a path with sha null and lists a tree recursively, by sha or branch name", async () => {
    const octokit = fixture.app();
    const base = await octokit.rest.git.getCommit({ owner, repo, commit_sha: fixture.initialSha });
    const withDirs = await octokit.rest.git.createTree({
      owner,
      repo,
      base_tree: base.data.tree.sha,
      tree: [
        { path: "a/b/c.txt", mode: "100644", type: "blob", content: "c\n" },
        { path: "a/d.txt", mode: "100644", type: "blob", content: "d\n" },
      ],
    });
    const pruned = await octokit.rest.git.createTree({
      owner,
      repo,
      base_tree: withDirs.data.sha,
      tree: [{ path: "a/b/c.txt", mode: "100644", type: "blob", sha: null }],
    });
    const flat = await octokit.rest.git.getTree({ owner, repo, tree_sha: pruned.data.sha });
    expect(flat.data.tree.map((entry) => entry.path)).toEqual(["README.md", "a"]);
    const deep = await octokit.rest.git.getTree({ owner, repo, tree_sha: pruned.data.sha, recursive: "1" });
    expect(deep.data.truncated).toBe(false);
    expect(deep.data.tree.map((entry) => entry.path)).toEqual(["README.md", "a", "a/d.txt"]);
    expect(deep.data.tree[2]).toMatchObject({ type: "blob", size: 2, url: expect.stringContaining("/git/blobs/") });

    const byBranch = await octokit.rest.git.getTree({ owner, repo, tree_sha: "main" });
    expect(byBranch.data.sha).toBe(base.data.tree.sha);
  });

  it("keeps an author and committer given with dates, and refuses a tree that does not exist", async () => {
    const octokit = fixture.user("octocat");
    const base = await octokit.rest.git.getCommit({ owner, repo, commit_sha: fixture.initialSha });
    const commit = await octokit.rest.git.createCommit({
      owner,
      repo,
      message: "Dated",
      tree: base.data.tree.sha,
      parents: [fixture.initialSha],
      author: { name: "Ada", email: "ada@example.com", date: "2025-05-06T07:08:09Z" },
      committer: { name: "Grace", email: "grace@example.com", date: "2025-05-06T08:00:00Z" },
    });
    expect(commit.data.author).toEqual({ name: "Ada", email: "ada@example.com", date: "2025-05-06T07:08:09Z" });
    expect(commit.data.committer).toEqual({ name: "Grace", email: "grace@example.com", date: "2025-05-06T08:00:00Z" });

    await expect(
      octokit.rest.git.createCommit({ owner, repo, message: "x", tree: "2".repeat(40), parents: [] }),
    ).rejects.toMatchObject({ status: 422, message: expect.stringContaining("Tree SHA does not exist") });
  });

  it("refuses Git Data writes to a token without contents write, and to a reader", async () => {
    const readOnly = fixture.ctx.auth.createInstallationToken(fixture.installationId, {
      permissions: { contents: "read" },
    });
    const octokit = fixture.app({ auth: { token: readOnly.token } });
    await expect(octokit.rest.git.createBlob({ owner, repo, content: "x" })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining("Resource not accessible by integration"),
    });
    // reading is still fine
    await expect(octokit.rest.git.getCommit({ owner, repo, commit_sha: fixture.initialSha })).resolves.toMatchObject({
      status: 200,
    });

    await expect(fixture.user("reader").rest.git.createBlob({ owner, repo, content: "x" })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining("Must have push access to this repository."),
    });
  });
});
