import { describe, expect, it } from "vitest";
import { compilePatterns, ScopePatternError } from "../../../src/core/scope/index.js";

type Case = [patterns: string | string[], path: string, matches: boolean];

const single: Case[] = [
  // a plain directory path: the path itself and everything below it
  ["src/widgets", "src/widgets/list.ts", true],
  ["src/widgets", "src/widgets", true],
  ["src/widgets", "src/widgets/deep/nested/item.ts", true],
  ["src/widgets", "src/widgets-old/list.ts", false],
  ["src/widgets", "lib/src/widgets/list.ts", false],
  ["src/Widgets", "src/widgets/list.ts", false],
  // trailing slash: everything below, rooted (unlike .gitignore)
  ["docs/", "docs/guide.md", true],
  ["docs/", "docs/a/b/c.md", true],
  ["docs/", "docs", false],
  ["docs/", "src/docs/guide.md", false],
  ["**/docs/", "src/docs/guide.md", true],
  ["src//widgets/", "src/widgets/list.ts", true],
  // no slash: any depth, like .gitignore
  ["*.md", "README.md", true],
  ["*.md", "docs/deep/guide.md", true],
  ["*.md", "README.mdx", false],
  ["*.md", "notes.md/inside.ts", false],
  ["Makefile", "Makefile", true],
  ["Makefile", "tools/build/Makefile", true],
  ["Makefile", "Makefile.am", false],
  ["node_modules", "packages/app/node_modules/x/index.js", true],
  ["*", "deep/down/file.txt", true],
  // leading slash and ./ anchor to the root
  ["/README.md", "README.md", true],
  ["/README.md", "docs/README.md", false],
  ["/*.md", "CHANGELOG.md", true],
  ["/*.md", "docs/guide.md", false],
  ["./README.md", "README.md", true],
  ["./README.md", "docs/README.md", false],
  ["/", "any/file.txt", true],
  // a slash in the middle: relative to the root, `*` never crosses a `/`
  ["docs/*.md", "docs/guide.md", true],
  ["docs/*.md", "docs/sub/guide.md", false],
  ["docs/*.md", "site/docs/guide.md", false],
  ["src/./widgets/**", "src/widgets/list.ts", true],
  ["src/*", "src/index.ts", true],
  ["src/*", "src/widgets/list.ts", false],
  ["src/*/", "src/widgets/list.ts", true],
  ["src/*/", "src/index.ts", false],
  // dotfiles
  [".github/workflows/*.yml", ".github/workflows/ci.yml", true],
  [".github/**", ".github/workflows/ci.yml", true],
  ["**", ".github/workflows/ci.yml", true],
  ["*", ".env", true],
  [".env", ".env", true],
  [".env", "config/.env", true],
  [".env", ".env.local", false],
  [".env*", "deploy/.env.production", true],
  ["*.yml", ".github/workflows/ci.yml", true],
  ["src/**", "src/.cache/state.json", true],
  [".github/", ".github/CODEOWNERS", true],
  // `**` at the end and in the middle
  ["src/**", "src/a/b/c.ts", true],
  ["src/**", "src", false],
  ["src/**/test/*.ts", "src/test/a.ts", true],
  ["src/**/test/*.ts", "src/a/b/test/a.ts", true],
  ["src/**/test/*.ts", "src/a/test/sub/a.ts", false],
  ["src/**/*.ts", "src/index.ts", true],
  ["**/*.test.ts", "packages/core/src/a.test.ts", true],
  ["**/fixtures/**", "test/unit/fixtures/payload.json", true],
  // brace expansion
  ["{src,test}/widgets/**", "test/widgets/list.test.ts", true],
  ["{src,test}/widgets/**", "lib/widgets/list.ts", false],
  ["*.{md,mdx}", "docs/page.mdx", true],
  ["*.{md,mdx}", "docs/page.txt", false],
  ["src/{a,b}", "src/b/inner/x.ts", true],
  ["file{1..3}.txt", "file2.txt", true],
  ["file{1..3}.txt", "file4.txt", false],
  // classes, single characters, extglobs, literal oddities
  ["src/?.ts", "src/a.ts", true],
  ["src/?.ts", "src/ab.ts", false],
  ["src/[ab].ts", "src/b.ts", true],
  ["src/[ab].ts", "src/c.ts", false],
  ["src/{a,b}[ab].ts", "src/ab.ts", true],
  ["src/(group)/*.tsx", "src/(group)/page.tsx", true],
  ["src/*[(]1).png", "src/logo(1).png", true],
  ["src/[*].txt", "src/*.txt", true],
  ["src/[*].txt", "src/a.txt", false],
  ["#notes.md", "#notes.md", true],
  ["/!important.txt", "!important.txt", true],
  // case-sensitive, like git on Linux and GitHub
  ["README.md", "readme.md", false],
  // surrounding whitespace is ignored
  ["  docs/  ", "docs/guide.md", true],
];

const lists: Case[] = [
  [["src/**", "!src/generated/**"], "src/generated/api.ts", false],
  [["src/**", "!src/generated/**"], "src/index.ts", true],
  [["src/**", "!src/generated/**", "src/generated/keep.ts"], "src/generated/keep.ts", true],
  [["!src/generated/**", "src/**"], "src/generated/api.ts", true],
  [["*.md", "!CHANGELOG.md"], "docs/CHANGELOG.md", false],
  [["*.md", "!CHANGELOG.md"], "docs/guide.md", true],
  [["!docs/**"], "docs/guide.md", false],
  [["docs/", "!*.png"], "docs/img/logo.png", false],
  [["docs/", "!*.png"], "docs/img/logo.svg", true],
  [[".github/**", "!.github/workflows/"], ".github/workflows/ci.yml", false],
  [[".github/**", "!.github/workflows/"], ".github/CODEOWNERS", true],
  [["src/widgets/**", "test/widgets/**"], "test/widgets/list.test.ts", true],
  [["src/widgets/**", "test/widgets/**"], "test/gadgets/list.test.ts", false],
  [[], "anything.txt", false],
];

describe("compilePatterns", () => {
  it.each(single)("%j matches %j: %s", (pattern, path, expected) => {
    expect(compilePatterns([pattern as string]).matches(path)).toBe(expected);
  });

  it.each(lists)("%j matches %j: %s (later entries win)", (patterns, path, expected) => {
    expect(compilePatterns(patterns as string[]).matches(path)).toBe(expected);
  });

  it("has at least 50 path/pattern cases", () => {
    expect(single.length + lists.length).toBeGreaterThanOrEqual(50);
  });

  it("keeps the patterns as written, trimmed", () => {
    expect(compilePatterns([" src/** ", "!src/gen/**"]).patterns).toEqual(["src/**", "!src/gen/**"]);
  });

  it("says which pattern decided a match", () => {
    const matcher = compilePatterns([".github/**", "!.github/ISSUE_TEMPLATE/**", ".env*"]);
    expect(matcher.matchedBy(".github/workflows/ci.yml")).toBe(".github/**");
    expect(matcher.matchedBy("api/.env.local")).toBe(".env*");
    expect(matcher.matchedBy(".github/ISSUE_TEMPLATE/bug.yml")).toBeUndefined();
    expect(matcher.matchedBy("src/index.ts")).toBeUndefined();
  });

  it("rejects an unusable pattern with an error naming it", () => {
    expect(() => compilePatterns(["src/**", "src\\widgets\\**"])).toThrow(ScopePatternError);
    expect(() => compilePatterns(["src\\widgets\\**"])).toThrow(/"src\\\\widgets\\\\\*\*".*forward slashes/);
  });
});
