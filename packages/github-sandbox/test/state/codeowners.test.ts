import { describe, expect, it } from "vitest";
import { codeOwnersOf, parseCodeowners } from "../../src/state/codeowners.js";

/** The owners GitHub would name for `path`, by the examples of GitHub's CODEOWNERS documentation. */
const ownersOf = (file: string, path: string): string[] => codeOwnersOf(parseCodeowners(file), path);

describe("the sandbox's CODEOWNERS matching (GitHub's documented examples)", () => {
  it("lets the last matching line win, and an empty owner list take ownership away", () => {
    const file = "* @global\n*.js @js-owner # trailing comment\n/apps/ @octocat\n/apps/github\n";
    expect(ownersOf(file, "README.md")).toEqual(["@global"]);
    expect(ownersOf(file, "src/deep/index.js")).toEqual(["@js-owner"]);
    expect(ownersOf(file, "apps/web/index.js")).toEqual(["@octocat"]);
    expect(ownersOf(file, "apps/github/index.js")).toEqual([]);
  });

  it("matches a pattern without a leading slash at any depth, and an anchored one at the root only", () => {
    expect(ownersOf("apps/ @octocat\n", "deep/apps/a.ts")).toEqual(["@octocat"]);
    expect(ownersOf("/build/logs/ @doctocat\n", "build/logs/a.log")).toEqual(["@doctocat"]);
    expect(ownersOf("/build/logs/ @doctocat\n", "src/build/logs/a.log")).toEqual([]);
    expect(ownersOf("docs @docs\n", "docs/a/b.md")).toEqual(["@docs"]);
  });

  it("owns the files `docs/*` names, not the ones in folders below it", () => {
    expect(ownersOf("docs/* docs@example.com\n", "docs/getting-started.md")).toEqual(["docs@example.com"]);
    expect(ownersOf("docs/* docs@example.com\n", "docs/build-app/troubleshooting.md")).toEqual([]);
    expect(ownersOf("**/logs @octocat\n", "a/b/logs/x.log")).toEqual(["@octocat"]);
  });

  it("is case-sensitive, as GitHub's matching is", () => {
    expect(ownersOf("/Docs/ @docs\n", "docs/a.md")).toEqual([]);
  });

  it("skips the lines GitHub reports as errors: negation, ranges, owners that are not @user, @org/team or email", () => {
    const file = "* @global\n!*.md @nobody\n*.[ch] @c-owner\n*.ts not-an-owner\n*.go @acme/go-team\n";
    expect(ownersOf(file, "a.md")).toEqual(["@global"]);
    expect(ownersOf(file, "a.c")).toEqual(["@global"]);
    expect(ownersOf(file, "a.ts")).toEqual(["@global"]);
    expect(ownersOf(file, "a.go")).toEqual(["@acme/go-team"]);
  });
});
