import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/index.js";
import { listTreePaths, loadRepoConfig, readTextFile, readTreePaths } from "../../src/github/index.js";
import { widgetsFiles } from "@autopilot/github-sandbox";
import { startGithubFixture, type GithubFixture } from "./github-fixture.js";

let gh: GithubFixture;
beforeAll(async () => {
  gh = await startGithubFixture();
});
afterAll(() => gh.close());

describe("readTextFile", () => {
  it("reads a file's text at a ref in one call, and undefined for a missing file, ref or a directory", async () => {
    await gh.commit("files", { "docs/ünïcode.md": "héllo wörld 😀\n" });
    const where = { owner: gh.owner, repo: gh.repo };
    const mark = gh.mark();
    expect(await readTextFile(gh.app, { ...where, path: "docs/ünïcode.md", ref: "files" })).toBe("héllo wörld 😀\n");
    expect(gh.callsSince(mark)).toHaveLength(1);
    expect(await readTextFile(gh.app, { ...where, path: "docs/ünïcode.md" })).toBeUndefined(); // not on main
    expect(await readTextFile(gh.app, { ...where, path: "nope.txt", ref: "files" })).toBeUndefined();
    expect(await readTextFile(gh.app, { ...where, path: "docs", ref: "files" })).toBeUndefined();
    expect(await readTextFile(gh.app, { ...where, path: "README.md", ref: "no-such-branch" })).toBeUndefined();
  });
});

describe("listTreePaths", () => {
  it("lists every file at a ref, not the directories", async () => {
    await gh.commit("tree", { "a/b/c.txt": "c\n" });
    const paths = await listTreePaths(gh.app, { owner: gh.owner, repo: gh.repo, ref: "tree" });
    expect(paths).toContain("a/b/c.txt");
    expect(paths).not.toContain("a/b");
    expect([...paths].sort()).toEqual([...Object.keys(widgetsFiles()), "a/b/c.txt"].sort());
    expect(await readTreePaths(gh.app, { owner: gh.owner, repo: gh.repo, ref: "tree" })).toEqual({
      paths,
      truncated: false,
    });
  });
});

describe("loadRepoConfig", () => {
  it("reads and validates .github/autopilot.yml, with the file's blob sha", async () => {
    const result = await loadRepoConfig(gh.app, { owner: gh.owner, repo: gh.repo });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.dispatch).toMatchObject({ target: "workflow_dispatch", workflow: "agent.yml" });
    expect(result.config.owners).toEqual(["octocat"]);
    expect(result.sha).toMatch(/^[0-9a-f]{40}$/);
  });

  it("gives the defaults when the file is missing", async () => {
    await gh.commit("no-config", { ".github/autopilot.yml": null });
    expect(await loadRepoConfig(gh.app, { owner: gh.owner, repo: gh.repo, ref: "no-config" })).toEqual({
      ok: true,
      config: defaultConfig(),
    });
  });

  it("lists every issue of an invalid file, each with its path and line", async () => {
    await gh.commit("bad-config", { ".github/autopilot.yml": "merge:\n  method: yolo\nowners: 42\n" });
    const result = await loadRepoConfig(gh.app, { owner: gh.owner, repo: gh.repo, ref: "bad-config" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]).toMatch(/^- `merge\.method` \(`\.github\/autopilot\.yml` line 2, col \d+\): /);
    expect(result.errors[1]).toMatch(/^- `owners` \(`\.github\/autopilot\.yml` line 3/);
    expect(result.issues.map((issue) => issue.path)).toEqual(["merge.method", "owners"]);
  });
});
