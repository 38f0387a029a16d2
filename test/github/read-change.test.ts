import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readChange, type GithubClient } from "../../src/github/index.js";
import { largeTextByteLimit } from "../../src/github/read-added-lines.js";
import { startGithubFixture, type GithubFixture } from "./github-fixture.js";

let gh: GithubFixture;
let mainSha: string;
beforeAll(async () => {
  gh = await startGithubFixture();
  mainSha = (await gh.sandbox.repo.git.getRef("refs/heads/main")) ?? "";
});
afterAll(() => gh.close());

const where = () => ({ owner: gh.owner, repo: gh.repo, base: "main" });
const manyFiles = (count: number, prefix: string) =>
  Object.fromEntries(
    Array.from({ length: count }, (_, index) => [
      `${prefix}/f${String(index).padStart(4, "0")}.txt`,
      `line ${index}\n`,
    ]),
  );

async function openPull(head: string): Promise<number> {
  const { data } = await gh.user.rest.pulls.create({ owner: gh.owner, repo: gh.repo, head, base: "main", title: head });
  return data.number;
}

describe("readChange", () => {
  it("reads a small change in one call: added, modified, removed and renamed files", async () => {
    await gh.commit("rc-small", {
      "docs/old-name.md": "a moved file\nwith lines\nthat stay\n",
      "gone.txt": "x\n",
      "mod.txt": "1\n",
    });
    // the base is the first commit: only the second is the change
    const base = (await gh.sandbox.repo.git.getRef("refs/heads/rc-small")) ?? "";
    await gh.commit(
      "rc-small",
      {
        "docs/old-name.md": null,
        "docs/new-name.md": "a moved file\nwith lines\nthat stay\n",
        "gone.txt": null,
        "mod.txt": "2\n",
        "src/new.ts": "export const n = 1;\n",
      },
      "feat: second\n\nTask: T-1",
    );
    const mark = gh.mark();
    const change = await readChange(gh.app, { owner: gh.owner, repo: gh.repo, base, head: "rc-small" });
    expect(gh.callsSince(mark).map((call) => call.operationId)).toEqual(["repos/compare-commits-with-basehead"]);
    expect(change.complete).toBe(true);
    expect(change.incompleteReason).toBeUndefined();
    expect(change.baseSha).toBe(base);
    expect(change.mergeBaseSha).toBe(base);
    expect(change.headSha).toBe(await gh.sandbox.repo.git.getRef("refs/heads/rc-small"));
    expect(change.commits).toEqual([{ sha: change.headSha, message: "feat: second\n\nTask: T-1" }]);
    const byName = Object.fromEntries(change.files.map((file) => [file.filename, file]));
    expect(byName["docs/new-name.md"]).toEqual({
      filename: "docs/new-name.md",
      status: "renamed",
      previous_filename: "docs/old-name.md",
      additions: 0,
      deletions: 0,
    });
    expect(byName["gone.txt"]).toMatchObject({ status: "removed", deletions: 1, patch: expect.stringContaining("-x") });
    expect(byName["mod.txt"]).toMatchObject({ status: "modified", additions: 1, deletions: 1 });
    expect(byName["src/new.ts"]).toMatchObject({
      status: "added",
      additions: 1,
      patch: "@@ -0,0 +1 @@\n+export const n = 1;",
    });
    expect(Object.values(byName).some((file) => file.binary)).toBe(false);
  });

  it("marks a binary file as binary and reads its printable text for the secret scan", async () => {
    const tree = await gh.sandbox.repo.git.createTree(
      [{ path: "logo.png", mode: "100644", type: "blob", content: "\u0000\u0001PNG\u0000binary" }],
      (await gh.sandbox.repo.git.getCommit(mainSha))?.tree,
    );
    const commit = await gh.sandbox.repo.git.createCommit({
      message: "add a binary",
      tree: tree.sha,
      parents: [mainSha],
      author: { name: "Mona", email: "mona@example.com", date: "2026-01-02T03:04:05Z" },
    });
    const change = await readChange(gh.app, { ...where(), head: commit.sha });
    expect(change.files).toEqual([
      {
        filename: "logo.png",
        status: "added",
        additions: 0,
        deletions: 0,
        binary: true,
        binaryText: "\n\nPNG\nbinary",
      },
    ]);
    expect(change.headSha).toBe(commit.sha);
    expect(change.complete).toBe(true);
  });

  it("pages commits 100 at a time and stops at 250 commits, saying so", async () => {
    await gh.commit("rc-commits", { "c.txt": "c\n" });
    await gh.emptyCommits("rc-commits", 159);
    const mark = gh.mark();
    const change = await readChange(gh.app, { ...where(), head: "rc-commits" });
    expect(gh.callsSince(mark)).toHaveLength(2);
    expect(change.commits).toHaveLength(160);
    expect(change.commits.at(-1)?.message).toBe("empty 159");
    expect(change.complete).toBe(true);

    const head = await gh.emptyCommits("rc-commits", 100);
    const capped = await readChange(gh.app, { ...where(), head: "rc-commits" });
    expect(capped.totalCommits).toBe(260);
    expect(capped.commits).toHaveLength(250);
    expect(capped.commits[0]?.message).toBe("test: change files");
    expect(capped.headSha).toBe(head);
    expect(capped.complete).toBe(false);
    expect(capped.incompleteReason).toMatch(/260 commits .* at most 250/);
  });

  it("reaching compare's 300 files: incomplete without a PR, complete through the PR's file list", async () => {
    await gh.commit("rc-files", manyFiles(320, "gen"));
    const viaCompare = await readChange(gh.app, { ...where(), head: "rc-files" });
    expect(viaCompare.files).toHaveLength(300);
    expect(viaCompare.complete).toBe(false);
    expect(viaCompare.incompleteReason).toMatch(/at most 300 files/);

    const pullNumber = await openPull("rc-files");
    const mark = gh.mark();
    const viaPull = await readChange(gh.app, { ...where(), head: "rc-files", pullNumber });
    expect(gh.callsSince(mark).map((call) => call.operationId)).toEqual([
      "repos/compare-commits-with-basehead",
      ...Array(4).fill("pulls/list-files"),
    ]);
    expect(viaPull.files).toHaveLength(320);
    expect(new Set(viaPull.files.map((file) => file.filename)).size).toBe(320);
    expect(viaPull.complete).toBe(true);
  });

  it("past 3,000 files of a pull request, says it could not see them all", async () => {
    await gh.commit("rc-huge", manyFiles(3_005, "huge"));
    const pullNumber = await openPull("rc-huge");
    const change = await readChange(gh.app, { ...where(), head: "rc-huge", pullNumber });
    expect(change.files).toHaveLength(3_000);
    expect(change.complete).toBe(false);
    expect(change.incompleteReason).toMatch(/at least 3,000 files/);
  });

  /** An app Octokit that receives GitHub's answers with the patch of `name` left out (the rest is the real answer). */
  function withoutPatchOf(name: string, options: { contentTooLarge?: boolean } = {}): GithubClient {
    const octokit: GithubClient = new ProbotOctokit({
      baseUrl: gh.sandbox.apiUrl,
      auth: { token: gh.sandbox.userToken() },
      retry: { enabled: false },
      throttle: { enabled: false },
    });
    octokit.hook.after("request", (response, request) => {
      const files = (response.data as { files?: { filename: string; patch?: string }[] }).files ?? [];
      for (const file of files) if (file.filename === name) delete file.patch;
      if (options.contentTooLarge && String(request.url).includes("/contents/"))
        (response.data as { size: number }).size = largeTextByteLimit + 1;
    });
    return octokit;
  }

  it("reads the added lines of a text file GitHub sent without a diff, from the file at base and head", async () => {
    await gh.commit("rc-nopatch", { "big.txt": "keep 1\nkeep 2\nold\n", "small.txt": "s\n" });
    const base = (await gh.sandbox.repo.git.getRef("refs/heads/rc-nopatch")) ?? "";
    await gh.commit("rc-nopatch", { "big.txt": "keep 1\nnew a\nkeep 2\nnew b\nnew c\n" });
    const change = await readChange(withoutPatchOf("big.txt"), { ...where(), base, head: "rc-nopatch" });
    expect(change.complete).toBe(true);
    expect(change.files.find((file) => file.filename === "big.txt")).toEqual({
      filename: "big.txt",
      status: "modified",
      additions: 3,
      deletions: 1,
      addedPatch: "@@ -0,0 +2,1 @@\n+new a\n@@ -0,0 +4,2 @@\n+new b\n+new c",
    });
  });

  it("is incomplete when GitHub leaves out a text file's diff and the file is too large to read", async () => {
    await gh.commit("rc-nopatch-huge", { "big.txt": "a\nb\n", "small.txt": "s\n" });
    const change = await readChange(withoutPatchOf("big.txt", { contentTooLarge: true }), {
      ...where(),
      head: "rc-nopatch-huge",
    });
    expect(change.complete).toBe(false);
    expect(change.incompleteReason).toMatch(/no diff for 1 changed text file.*`big\.txt`/);
    expect(change.files.find((file) => file.filename === "big.txt")).toEqual({
      filename: "big.txt",
      status: "added",
      additions: 2,
      deletions: 0,
    });
  });

  it("stays complete when the only file GitHub sent without a diff adds nothing (a large file removed)", async () => {
    await gh.commit("rc-removed", { "big.txt": "a\nb\n" });
    const base = (await gh.sandbox.repo.git.getRef("refs/heads/rc-removed")) ?? "";
    await gh.commit("rc-removed", { "big.txt": null });
    const change = await readChange(withoutPatchOf("big.txt"), { ...where(), base, head: "rc-removed" });
    expect(change.files).toEqual([{ filename: "big.txt", status: "removed", additions: 0, deletions: 2 }]);
    expect(change.complete).toBe(true);
  });
});
