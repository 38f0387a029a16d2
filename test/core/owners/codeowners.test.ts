import { describe, expect, it } from "vitest";
import { codeOwnersOf, ownerGroupsOf, parseCodeowners, teamKey } from "../../../src/core/owners/index.js";

/** Who owns `path` under `file`: the deciding rule's owners as written, or null when no rule matches. */
function ownersOf(file: string, path: string): string[] | null {
  const rule = codeOwnersOf(parseCodeowners(file), path);
  if (!rule) return null;
  return rule.owners.map((owner) =>
    owner.kind === "user" ? `@${owner.login}` : owner.kind === "team" ? `@${owner.org}/${owner.slug}` : owner.address,
  );
}

describe("CODEOWNERS patterns (GitHub's gitignore-like rules)", () => {
  it.each([
    // pattern, path, owned?
    ["*", "README.md", true],
    ["*", "src/deep/file.ts", true],
    ["*.js", "app.js", true],
    ["*.js", "src/lib/app.js", true],
    ["*.js", "src/lib/app.ts", false],
    ["/build/logs/", "build/logs/today.log", true],
    ["/build/logs/", "build/logs/2025/06/today.log", true],
    ["/build/logs/", "src/build/logs/today.log", false],
    ["/build/logs/", "build/logs", false], // a trailing slash names a directory, never a file
    ["docs/*", "docs/getting-started.md", true],
    ["docs/*", "docs/build-app/troubleshooting.md", false], // GitHub's documented exception
    ["docs/*", "src/docs/readme.md", false], // a slash inside anchors at the root
    ["apps/", "apps/web/index.ts", true],
    ["apps/", "services/apps/web/index.ts", true], // only a trailing slash: any depth
    ["/docs/", "docs/guide/intro.md", true],
    ["/docs/", "src/docs/intro.md", false],
    ["**/logs", "build/logs/today.log", true],
    ["**/logs", "deeply/nested/logs/x.log", true],
    ["**/logs", "logs/x.log", true],
    ["src/**/test.ts", "src/a/b/test.ts", true],
    ["src/**/test.ts", "src/test.ts", true],
    ["config", "config", true], // a file or a directory of that name, at any depth
    ["config", "pkg/config/app.yml", true],
    ["config", "configs/app.yml", false],
    ["/README.md", "README.md", true],
    ["/README.md", "docs/README.md", false],
    [".github/", ".github/workflows/ci.yml", true], // dot files are files like any other
    ["doc?.md", "docs.md", true],
    ["doc?.md", "doc/x.md", false],
  ])("%s owns %s: %s", (pattern, path, owned) => {
    expect(ownersOf(`${pattern} @mona`, path)).toEqual(owned ? ["@mona"] : null);
  });

  it("lets the last matching line win, and an owner-less line take ownership away", () => {
    const file = ["*       @everyone", "/apps/  @octocat", "/apps/github", "*.md    @docs-team @acme/writers"].join(
      "\n",
    );
    expect(ownersOf(file, "src/index.ts")).toEqual(["@everyone"]);
    expect(ownersOf(file, "apps/web/app.ts")).toEqual(["@octocat"]);
    expect(ownersOf(file, "apps/github/app.ts")).toEqual([]);
    expect(ownersOf(file, "apps/README.md")).toEqual(["@docs-team", "@acme/writers"]);
  });

  it("reads users, teams and emails, skips comments and blank lines", () => {
    const parsed = parseCodeowners(
      ["# owners", "", "src/  @mona @acme/core dev@example.com # inline comment", "   "].join("\n"),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.rules).toHaveLength(1);
    expect(parsed.rules[0]).toMatchObject({
      line: 3,
      pattern: "src/",
      owners: [
        { kind: "user", login: "mona" },
        { kind: "team", org: "acme", slug: "core" },
        { kind: "email", address: "dev@example.com" },
      ],
    });
  });

  it("skips, with a reason, the lines GitHub cannot use: negation, ranges, escaped #, bad owners", () => {
    const parsed = parseCodeowners(
      ["!src/secret.ts @mona", "src/[ab].ts @mona", "\\#notes @mona", "src/ mona", "lib/ @lisa"].join("\n"),
    );
    expect(parsed.rules.map((rule) => rule.pattern)).toEqual(["lib/"]);
    expect(parsed.errors.map((error) => error.line)).toEqual([1, 2, 3, 4]);
    expect(parsed.errors[0]?.problem).toMatch(/negation/);
    expect(parsed.errors[1]?.problem).toMatch(/character ranges/);
    expect(parsed.errors[3]?.problem).toMatch(/"mona" is not an owner/);
    // a skipped negation does not un-own anything
    expect(ownersOf("src/ @lisa\n!src/secret.ts", "src/secret.ts")).toEqual(["@lisa"]);
  });

  it("ignores a file over 3 MB, as GitHub does", () => {
    const parsed = parseCodeowners(`* @mona\n${"#".repeat(3 * 1024 * 1024)}`);
    expect(parsed.rules).toEqual([]);
    expect(parsed.errors[0]?.problem).toMatch(/3 MB/);
  });
});

describe("ownerGroupsOf", () => {
  const file = parseCodeowners(
    ["*          @mona", "/src/auth/ @lisa @acme/security", "/vendor/", "*.md       ops@example.com"].join("\n"),
  );

  it("groups changed files by their deciding rule; files without a code owner need none", () => {
    const groups = ownerGroupsOf(file, [
      "src/auth/login.ts",
      "src/auth/token.ts",
      "src/app.ts",
      "vendor/lib.js",
      "README.md",
    ]);
    expect(groups).toEqual([
      {
        rule: "/src/auth/ (line 2)",
        files: ["src/auth/login.ts", "src/auth/token.ts"],
        logins: ["lisa"],
        unresolved: ["@acme/security"],
      },
      { rule: "* (line 1)", files: ["src/app.ts"], logins: ["mona"], unresolved: [] },
      { rule: "*.md (line 4)", files: ["README.md"], logins: [], unresolved: ["ops@example.com"] },
    ]);
  });

  it("counts a team's members when they could be read", () => {
    const [auth] = ownerGroupsOf(
      file,
      ["src/auth/login.ts"],
      new Map([[teamKey("Acme", "Security"), ["sam", "lisa"]]]),
    );
    expect(auth).toMatchObject({ logins: ["lisa", "sam"], unresolved: [] });
  });
});
