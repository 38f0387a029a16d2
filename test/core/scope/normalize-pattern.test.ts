import { describe, expect, it } from "vitest";
import { findPatternProblem, normalizePattern, ScopePatternError } from "../../../src/core/scope/index.js";

describe("normalizePattern", () => {
  it.each([
    ["src/widgets", ["src/widgets", "src/widgets/**"]],
    ["src/widgets/**", ["src/widgets/**"]],
    ["docs/", ["docs/**"]],
    ["/docs", ["docs", "docs/**"]],
    ["./docs/", ["docs/**"]],
    ["*.md", ["**/*.md"]],
    ["Makefile", ["**/Makefile", "**/Makefile/**"]],
    [".env", ["**/.env", "**/.env/**"]],
    ["**/node_modules", ["**/node_modules", "**/node_modules/**"]],
    ["docs/*.md", ["docs/*.md"]],
    ["src/*/", ["src/*/**"]],
    ["src/**/", ["src/**"]],
    ["**", ["**"]],
    ["*", ["**/*"]],
    ["/", ["**"]],
    [".", ["**"]],
    ["{src,test}/widgets/**", ["src/widgets/**", "test/widgets/**"]],
    ["*.{md,mdx}", ["**/*.md", "**/*.mdx"]],
    ["src//a/./b.ts", ["src/a/b.ts", "src/a/b.ts/**"]],
    ["!src/generated/**", ["!src/generated/**"]],
    ["!*.png", ["!**/*.png"]],
    ["!vendor", ["!**/vendor", "!**/vendor/**"]],
  ])("%j → %j", (pattern, expected) => {
    expect(normalizePattern(pattern)).toEqual(expected);
  });

  it.each([
    ["src\\widgets\\**", /backslash.*forward slashes/],
    ["../outside/**", /`\.\.`.*cannot leave/],
    ["src/{..,a}/x", /`\.\.`/],
    ["", /empty/],
    ["   ", /empty/],
    ["!", /negates nothing/],
    ["!!src/**", /single `!`/],
    ["src/**\nlib/**", /control character/],
    ["file{1..1000}.txt", /expands to 1000 patterns/],
    ["**/+(a|a)+(a|a)+(a|a)+(a|a)b", /extglob `\+\(…\)`.*not supported/],
    ["src/*(x).ts", /extglob `\*\(…\)`.*`\[\(\]`/],
    ["src/?(x).ts", /extglob `\?\(…\)`/],
    ["src/@(a|b).ts", /extglob `@\(…\)`/],
    ["src/!(a).ts", /extglob `!\(…\)`/],
    ["!src/+(a).ts", /extglob/],
    ["file{1..10000000}.txt", /expands to 10000000 patterns/],
    ["f{0..99999999999999999999}", /expands to more than a billion patterns/],
    ["{a,b}".repeat(9), /expands to 512 patterns/],
    [`src/${"a".repeat(1100)}`, /1104 characters long \(at most 1024\)/],
    [
      `{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}/${"*a".repeat(200)}`,
      /globs of 104704 characters in all \(at most 16384\)/,
    ],
  ])("rejects %j with a message saying how to fix it", (pattern, message) => {
    expect(findPatternProblem(pattern)).toMatch(message);
    expect(() => normalizePattern(pattern)).toThrow(ScopePatternError);
    expect(() => normalizePattern(pattern)).toThrow(message);
  });

  it("accepts the patterns of the documented task spec example", () => {
    for (const pattern of ["src/widgets/**", "test/widgets/**", ".github/workflows/**"]) {
      expect(findPatternProblem(pattern)).toBeUndefined();
    }
  });
});
