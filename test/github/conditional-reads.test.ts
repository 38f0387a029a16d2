import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConditionalReads, octokitPort } from "../../src/github/index.js";
import { startGithubFixture, type GithubFixture } from "./github-fixture.js";

/**
 * The app's GETs are conditional: a second read of what has not changed is answered 304 (no rate
 * limit spent) and the caller gets what the first read got; a read of what changed gets the new
 * answer, never the kept one.
 */
describe("conditional reads through the port", () => {
  let f: GithubFixture;
  beforeAll(async () => {
    f = await startGithubFixture();
  });
  afterAll(() => f.close());

  const used = () => f.sandbox.requests().filter((request) => request.status !== 304).length;

  it("answers an unchanged file from the 304, a changed one from GitHub", async () => {
    await f.commit("main", { "docs/note.md": "first\n" });
    const reads = new ConditionalReads();
    const port = octokitPort(f.app, { owner: f.owner, repo: f.repo }, { conditionalReads: reads });

    expect(await port.readFile("docs/note.md", "main")).toBe("first\n");
    const mark = f.mark();
    expect(await port.readFile("docs/note.md", "main")).toBe("first\n");
    expect(f.callsSince(mark).map((call) => call.status)).toEqual([304]);
    expect(reads.notModified).toBe(1);

    await f.commit("main", { "docs/note.md": "second\n" });
    const changed = f.mark();
    expect(await port.readFile("docs/note.md", "main")).toBe("second\n");
    expect(f.callsSince(changed).map((call) => call.status)).toEqual([200]);
  });

  it("keeps one instance's answers to itself and hands out copies", async () => {
    const reads = new ConditionalReads();
    reads.install(f.app);
    reads.install(f.app); // installing twice wraps once
    const first = await f.app.rest.pulls.list({ owner: f.owner, repo: f.repo, state: "all" });
    (first.data as unknown[]).push({ forged: true });
    const before = used();
    const second = await f.app.rest.pulls.list({ owner: f.owner, repo: f.repo, state: "all" });
    expect(used()).toBe(before);
    expect(second.data).not.toContainEqual({ forged: true });

    // another instance (another app in the same process) has nothing kept: its read counts
    const other = new ConditionalReads();
    const fresh = await startGithubFixture();
    try {
      other.install(fresh.app);
      const mark = fresh.mark();
      await fresh.app.rest.pulls.list({ owner: fresh.owner, repo: fresh.repo, state: "all" });
      expect(fresh.callsSince(mark).map((call) => call.status)).toEqual([200]);
    } finally {
      await fresh.close();
    }
  });
});
