import { describe, expect, it } from "vitest";
import { useRestFixture } from "../rest-fixture.js";
import { commitFiles, setBranch, resetBranches } from "./repo-helpers.js";

const text = (data: unknown): string => Buffer.from((data as { content: string }).content, "base64").toString("utf8");

describe("Contents API: reading", () => {
  const owner = "acme";
  const repo = "widgets";

  const fixture = useRestFixture({ afterEach: resetBranches });

  it("reads a file as base64, a directory as a list, at a ref or the default branch", async () => {
    const next = await commitFiles(fixture, fixture.initialSha, { "docs/a.md": "A\n", "docs/sub/b.md": "B\n" });
    await setBranch(fixture, "docs", next);
    const octokit = fixture.app();

    const readme = await octokit.rest.repos.getContent({ owner, repo, path: "README.md" });
    expect(readme.data).toMatchObject({
      type: "file",
      name: "README.md",
      path: "README.md",
      size: 10,
      encoding: "base64",
      url: `${fixture.url}/repos/acme/widgets/contents/README.md?ref=main`,
    });
    expect(text(readme.data)).toBe("# widgets\n");

    const dir = await octokit.rest.repos.getContent({ owner, repo, path: "docs", ref: "docs" });
    expect(Array.isArray(dir.data)).toBe(true);
    expect((dir.data as { path: string; type: string }[]).map((entry) => [entry.path, entry.type])).toEqual([
      ["docs/a.md", "file"],
      ["docs/sub", "dir"],
    ]);
    const root = await octokit.rest.repos.getContent({ owner, repo, path: "" });
    expect((root.data as { path: string }[]).map((entry) => entry.path)).toEqual(["README.md"]);
    const nested = await octokit.rest.repos.getContent({ owner, repo, path: "docs/sub/b.md", ref: next });
    expect(text(nested.data)).toBe("B\n");

    await expect(octokit.rest.repos.getContent({ owner, repo, path: "docs/a.md" })).rejects.toMatchObject({
      status: 404,
    });
    await expect(octokit.rest.repos.getContent({ owner, repo, path: "README.md", ref: "nope" })).rejects.toMatchObject({
      status: 404,
      response: { data: { message: "No commit found for the ref nope" } },
    });
  });

  it("describes a symlink by its target and a submodule by its URL; a directory lists a submodule as a file", async () => {
    const { git } = fixture.repo;
    const base = await git.getCommit(fixture.initialSha);
    const tree = await git.createTree(
      [
        { path: "link", mode: "120000", type: "blob", content: "README.md" },
        { path: "vendor/lib", mode: "160000", type: "commit", sha: "6".repeat(40) },
        {
          path: ".gitmodules",
          mode: "100644",
          type: "blob",
          content: '[submodule "lib"]\n\tpath = vendor/lib\n\turl = https://example.com/lib.git\n',
        },
      ],
      base?.tree,
    );
    const commit = await git.createCommit({ message: "Links", tree: tree.sha, parents: [fixture.initialSha] });
    const octokit = fixture.app();
    const link = await octokit.rest.repos.getContent({ owner, repo, path: "link", ref: commit.sha });
    expect(link.data).toMatchObject({ type: "symlink", target: "README.md", path: "link" });
    const submodule = await octokit.rest.repos.getContent({ owner, repo, path: "vendor/lib", ref: commit.sha });
    expect(submodule.data).toMatchObject({
      type: "submodule",
      sha: "6".repeat(40),
      submodule_git_url: "https://example.com/lib.git",
    });
    const vendor = await octokit.rest.repos.getContent({ owner, repo, path: "vendor", ref: commit.sha });
    expect(vendor.data).toMatchObject([{ path: "vendor/lib", type: "file" }]);
  });

  it("answers the raw media type with the bytes, which is how Probot's context.config reads", async () => {
    const config = "agents:\n  max: 3\n";
    await setBranch(
      fixture,
      "main",
      await commitFiles(fixture, fixture.initialSha, { ".github/autopilot.yml": config }),
    );
    const octokit = fixture.app();

    const raw = await octokit.rest.repos.getContent({
      owner,
      repo,
      path: ".github/autopilot.yml",
      mediaType: { format: "raw" },
    });
    expect(raw.data).toBe(config);
    expect(raw.headers["content-type"]).toBe("text/plain; charset=utf-8");

    const { config: parsed } = await octokit.config.get({ owner, repo, path: ".github/autopilot.yml" });
    expect(parsed).toEqual({ agents: { max: 3 } });
    const missing = await octokit.config.get({ owner, repo, path: ".github/absent.yml" });
    // the plugin also looks in the organization's `.github` repository, which does not exist either
    expect(missing.files.map((file) => file.config)).toEqual([null, null]);
  });

  it("answers the raw media type for a file over 1 MB, whose JSON form leaves the content out", async () => {
    // GitHub serves raw contents up to 100 MB; the JSON form stops at 1 MB (`encoding: "none"`)
    const big = `${"line of a long queue file\n".repeat(45_000)}é\n`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
    await setBranch(fixture, "main", await commitFiles(fixture, fixture.initialSha, { "ops/queue.jsonl": big }));
    const octokit = fixture.app();

    const json = await octokit.rest.repos.getContent({ owner, repo, path: "ops/queue.jsonl" });
    expect(json.data).toMatchObject({ size: Buffer.byteLength(big), content: "", encoding: "none" });
    const raw = await octokit.rest.repos.getContent({
      owner,
      repo,
      path: "ops/queue.jsonl",
      mediaType: { format: "raw" },
    });
    expect(raw.data).toBe(big);
  });
});
