import { describe, expect, it } from "vitest";
import { isNotFound } from "../../src/github/index.js";
import { fakeGitHubPort } from "./fake-github-port.js";

/** The in-memory port the handler tests run on: it answers from its data, records calls, and never guesses. */
describe("fakeGitHubPort", () => {
  it("throws 'not stubbed' for an operation it does not model, so a test never passes on a made-up answer", async () => {
    const github = fakeGitHubPort();
    await expect(async () => github.mergePull(7, "squash", "a".repeat(40))).rejects.toThrow("not stubbed: mergePull");
  });

  it("answers a stubbed operation and records every call in order", async () => {
    const github = fakeGitHubPort(
      { branches: { main: { "README.md": "# widgets\n" } } },
      { repositoryUrl: async () => "https://github.com/acme/widgets" },
    );

    expect(await github.repositoryUrl()).toBe("https://github.com/acme/widgets");
    expect(await github.readFile("README.md", "main")).toBe("# widgets\n");
    expect(github.calls).toEqual([
      { op: "repositoryUrl", args: [] },
      { op: "readFile", args: ["README.md", "main"] },
    ]);
  });

  it("answers what GitHub answers for what it does not have: 404 for a pull, a branch or a permission", async () => {
    const github = fakeGitHubPort();
    for (const read of [
      () => github.getPull(1),
      () => github.branchSha("nope"),
      () => github.permissionOf("stranger"),
    ]) {
      expect(isNotFound(await read().catch((error: unknown) => error))).toBe(true);
    }
  });

  it("keeps one sticky comment per key: an unchanged body writes nothing, a new one edits it in place", async () => {
    const github = fakeGitHubPort();
    expect(await github.upsertSticky({ issueNumber: 3, key: "k", body: "one" })).toMatchObject({ created: true });
    expect(await github.upsertSticky({ issueNumber: 3, key: "k", body: "one" })).toMatchObject({
      created: false,
      updated: false,
    });
    expect(await github.upsertSticky({ issueNumber: 3, key: "k", body: "two" })).toMatchObject({
      created: false,
      updated: true,
    });
    expect(github.state.comments.map((comment) => comment.body)).toEqual(["two"]);
  });
});
