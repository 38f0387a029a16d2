import { describe, expect, it } from "vitest";
import { useRestFixture } from "../rest-fixture.js";
import { commitFiles, setBranch } from "./repo-helpers.js";

describe("Commits and branches", () => {
  const owner = "acme";
  const repo = "widgets";
  let history: string[];

  const fixture = useRestFixture({
    setUp: async (started) => {
      // main: initial ← a.txt ← b.txt ← a.txt again ← four files at once
      const one = await commitFiles(started, started.initialSha, { "a.txt": "a\n" }, "Add a");
      const two = await commitFiles(started, one, { "b.txt": "b\n" }, "Add b");
      const three = await commitFiles(started, two, { "a.txt": "a\nmore\n" }, "Grow a");
      const four = await commitFiles(started, three, { c1: "1\n", c2: "2\n", c3: "3\n", "README.md": null }, "Many");
      history = [four, three, two, one, started.initialSha];
      await setBranch(started, "main", four);
      await setBranch(started, "old", two);
    },
  });

  it("lists commits newest first from the default branch, a sha or a branch, by path, with pages", async () => {
    const octokit = fixture.app();
    const all = await octokit.rest.repos.listCommits({ owner, repo });
    expect(all.data.map((commit) => commit.sha)).toEqual(history);
    expect(all.data[0]).toMatchObject({ commit: { message: "Many", author: { name: "Mona" } }, author: null });

    const old = await octokit.rest.repos.listCommits({ owner, repo, sha: "old" });
    expect(old.data.map((commit) => commit.sha)).toEqual(history.slice(2));

    const byPath = await octokit.rest.repos.listCommits({ owner, repo, path: "a.txt" });
    expect(byPath.data.map((commit) => commit.commit.message)).toEqual(["Grow a", "Add a"]);

    const page = await octokit.rest.repos.listCommits({ owner, repo, per_page: 2, page: 2 });
    expect(page.data.map((commit) => commit.sha)).toEqual(history.slice(2, 4));
    expect(page.headers.link).toContain('rel="next"');

    const byAuthor = await octokit.rest.repos.listCommits({ owner, repo, author: "mona@example.com" });
    expect(byAuthor.data).toHaveLength(4);

    await expect(octokit.rest.repos.listCommits({ owner, repo, sha: "nope" })).rejects.toMatchObject({
      status: 404,
      response: { data: { message: "No commit found for SHA: nope" } },
    });
  });

  it("gets one commit with its files and stats against the first parent", async () => {
    const octokit = fixture.app();
    const { data } = await octokit.rest.repos.getCommit({ owner, repo, ref: history[1] ?? "" });
    expect(data).toMatchObject({
      sha: history[1],
      parents: [{ sha: history[2] }],
      stats: { additions: 1, deletions: 0, total: 1 },
      files: [{ filename: "a.txt", status: "modified", additions: 1, deletions: 0, patch: "@@ -1 +1,2 @@\n a\n+more" }],
    });

    const byBranch = await octokit.rest.repos.getCommit({ owner, repo, ref: "main" });
    expect(byBranch.data.files?.map((file) => [file.filename, file.status])).toEqual([
      ["README.md", "removed"],
      ["c1", "added"],
      ["c2", "added"],
      ["c3", "added"],
    ]);
    expect(byBranch.data.stats).toEqual({ additions: 3, deletions: 1, total: 4 });

    const paged = await octokit.rest.repos.getCommit({ owner, repo, ref: "main", per_page: 3, page: 2 });
    expect(paged.data.files?.map((file) => file.filename)).toEqual(["c3"]);
    expect(paged.data.stats).toEqual({ additions: 3, deletions: 1, total: 4 });
    expect(paged.headers.link).toContain('rel="prev"');

    const root = await octokit.rest.repos.getCommit({ owner, repo, ref: fixture.initialSha });
    expect(root.data.files).toMatchObject([{ filename: "README.md", status: "added" }]);

    await expect(octokit.rest.repos.getCommit({ owner, repo, ref: "nope" })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: "No commit found for SHA: nope" } },
    });
  });

  it("links commits written for a sandbox account to that account", async () => {
    const octokit = fixture.user("octocat");
    await octokit.rest.repos.createOrUpdateFileContents({
      owner,
      repo,
      path: "by-octocat.txt",
      message: "Mine",
      content: "eA==",
    });
    const { data } = await octokit.rest.repos.getCommit({ owner, repo, ref: "main" });
    expect(data.author).toMatchObject({ login: "octocat", type: "User" });
    expect(data.committer).toMatchObject({ login: "octocat" });
    await setBranch(fixture, "main", history[0] ?? "");
  });

  it("lists branches and gets one with its tip commit; an unknown branch is a 404", async () => {
    const octokit = fixture.app();
    const list = await octokit.rest.repos.listBranches({ owner, repo });
    expect(list.data).toEqual([
      {
        name: "main",
        commit: { sha: history[0], url: `${fixture.url}/repos/acme/widgets/commits/${history[0]}` },
        protected: false,
      },
      {
        name: "old",
        commit: { sha: history[2], url: `${fixture.url}/repos/acme/widgets/commits/${history[2]}` },
        protected: false,
      },
    ]);
    const onlyProtected = await octokit.rest.repos.listBranches({ owner, repo, protected: true });
    expect(onlyProtected.data).toEqual([]);

    const branch = await octokit.rest.repos.getBranch({ owner, repo, branch: "old" });
    expect(branch.data).toMatchObject({
      name: "old",
      protected: false,
      commit: { sha: history[2], commit: { message: "Add b" } },
      _links: { html: `${fixture.url}/acme/widgets/tree/old` },
    });
    await expect(octokit.rest.repos.getBranch({ owner, repo, branch: "nope" })).rejects.toMatchObject({
      status: 404,
      response: { data: { message: "Branch not found" } },
    });
  });
});
