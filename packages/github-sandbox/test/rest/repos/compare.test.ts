import { describe, expect, it } from "vitest";
import { useRestFixture } from "../rest-fixture.js";
import { commitFiles, setBranch } from "./repo-helpers.js";

describe("Compare API", () => {
  const owner = "acme";
  const repo = "widgets";
  const body = "line one\nline two\nline three\nline four\nline five\n";

  const fixture = useRestFixture();

  it("shows a rename and a removed file, with the commits head has and base lacks", async () => {
    const base = await commitFiles(
      fixture,
      fixture.initialSha,
      { "src/old-name.ts": body, "gone.txt": "bye\n" },
      "Base",
    );
    const one = await commitFiles(fixture, base, { "src/old-name.ts": null, "src/new-name.ts": body }, "Rename");
    const two = await commitFiles(fixture, one, { "gone.txt": null }, "Remove");
    await setBranch(fixture, "cmp-base", base);
    await setBranch(fixture, "cmp-head", two);

    const { data } = await fixture
      .app()
      .rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: "cmp-base...cmp-head" });
    expect(data).toMatchObject({
      status: "ahead",
      ahead_by: 2,
      behind_by: 0,
      total_commits: 2,
      base_commit: { sha: base },
      merge_base_commit: { sha: base },
      html_url: `${fixture.url}/acme/widgets/compare/cmp-base...cmp-head`,
    });
    expect(data.commits.map((commit) => [commit.sha, commit.commit.message])).toEqual([
      [one, "Rename"],
      [two, "Remove"],
    ]);
    const files = Object.fromEntries((data.files ?? []).map((file) => [file.filename, file]));
    expect(files["src/new-name.ts"]).toMatchObject({
      status: "renamed",
      previous_filename: "src/old-name.ts",
      changes: 0,
    });
    expect(files["gone.txt"]).toMatchObject({
      status: "removed",
      deletions: 1,
      additions: 0,
      patch: "@@ -1 +0,0 @@\n-bye",
    });
    expect(Object.keys(files).sort()).toEqual(["gone.txt", "src/new-name.ts"]);
  });

  it("reports behind and diverged, and compares two trees directly with base..head", async () => {
    const left = await commitFiles(fixture, fixture.initialSha, { "left.txt": "l\n" }, "Left");
    const right = await commitFiles(fixture, fixture.initialSha, { "right.txt": "r\n" }, "Right");
    const octokit = fixture.app();

    const behind = await octokit.rest.repos.compareCommitsWithBasehead({
      owner,
      repo,
      basehead: `${left}...${fixture.initialSha}`,
    });
    expect(behind.data).toMatchObject({ status: "behind", ahead_by: 0, behind_by: 1, commits: [], files: [] });

    const diverged = await octokit.rest.repos.compareCommitsWithBasehead({
      owner,
      repo,
      basehead: `${left}...${right}`,
    });
    expect(diverged.data).toMatchObject({
      status: "diverged",
      ahead_by: 1,
      behind_by: 1,
      merge_base_commit: { sha: fixture.initialSha },
    });
    expect(diverged.data.files?.map((file) => [file.filename, file.status])).toEqual([["right.txt", "added"]]);

    const direct = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${left}..${right}` });
    expect(direct.data.files?.map((file) => [file.filename, file.status])).toEqual([
      ["left.txt", "removed"],
      ["right.txt", "added"],
    ]);
  });

  it("answers 404 for an unknown ref, a malformed basehead, and histories without a common ancestor", async () => {
    const octokit = fixture.app();
    await expect(
      octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: "main...nope" }),
    ).rejects.toMatchObject({
      status: 404,
      response: { data: { message: "Not Found" } },
    });
    await expect(
      octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: "main" }),
    ).rejects.toMatchObject({ status: 404 });

    const tree = await fixture.repo.git.createTree([{ path: "x", mode: "100644", type: "blob", content: "x" }]);
    const orphan = await fixture.repo.git.createCommit({ message: "Orphan", tree: tree.sha, parents: [] });
    await expect(
      octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `main...${orphan.sha}` }),
    ).rejects.toMatchObject({
      status: 404,
      response: { data: { message: `No common ancestor between main and ${orphan.sha}.` } },
    });
  });

  it("pages commits when asked, with the files on the first page only", async () => {
    let tip = fixture.initialSha;
    const made: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      tip = await commitFiles(fixture, tip, { [`page-${index}.txt`]: `${index}\n` }, `Commit ${index}`);
      made.push(tip);
    }
    const octokit = fixture.app();
    const basehead = `${fixture.initialSha}...${tip}`;

    const first = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead, per_page: 2 });
    expect(first.data.commits.map((commit) => commit.sha)).toEqual(made.slice(0, 2));
    expect(first.data.files).toHaveLength(5);
    expect(first.data.total_commits).toBe(5);
    expect(first.headers.link).toContain('page=2>; rel="next"');
    expect(first.headers.link).toContain('page=3>; rel="last"');

    const third = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead, per_page: 2, page: 3 });
    expect(third.data.commits.map((commit) => commit.sha)).toEqual(made.slice(4));
    expect(third.data.files).toEqual([]);

    const unpaged = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead });
    expect(unpaged.data.commits).toHaveLength(5);
    expect(unpaged.headers.link).toBeUndefined();
  });
});
