import { minimatch } from "minimatch";
import { describe, expect, it } from "vitest";
import { compileGlob } from "../../../src/core/scope/compile-glob.js";
import { compilePatterns } from "../../../src/core/scope/index.js";
import { scopeMatchOptions } from "../../../src/core/scope/normalize-pattern.js";
import { mulberry32 } from "../../helpers/random-tokens.js";

const matches = (glob: string, path: string): boolean => compileGlob(glob, scopeMatchOptions)(path);

describe("compileGlob", () => {
  it("agrees with minimatch on thousands of generated globs and paths", () => {
    const random = mulberry32(12);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const atoms = ["a", "b", ".", "*", "?", "[ab]", "[!a]", "[]a]", "[a-b]", "[.]", "[*]", "[", "(", "+"];
    let compared = 0;
    while (compared < 5000) {
      const segments = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
        random() < 0.2 ? "**" : Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(atoms)).join(""),
      );
      // paths as git writes them: no empty, `.` or `..` segments
      const names = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
        Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(["a", "b", ".", "*", "]", "[", "("])).join(""),
      );
      if ([...segments, ...names].some((part) => part === "." || part === "..")) continue;
      const glob = segments.join("/");
      const path = names.join("/");
      expect([glob, path, matches(glob, path)]).toEqual([glob, path, minimatch(path, glob, scopeMatchOptions)]);
      compared++;
    }
  });

  it("keeps minimatch's edge cases: a trailing ** needs a segment, * never matches . or ..", () => {
    expect(matches("a/**", "a")).toBe(false);
    expect(matches("a/**", "a/b/c")).toBe(true);
    expect(matches("a/**/b", "a/b")).toBe(true);
    expect(matches("**/b", "b")).toBe(true);
    expect(matches("*", "..")).toBe(false);
    expect(matches("**/*.ts", "src/.hidden/x.ts")).toBe(true);
  });

  it("finishes on globs whose backtracking regex would run for hours", () => {
    const name = "a".repeat(5000);
    expect(matches(`**/${"*a".repeat(40)}b`, name)).toBe(false);
    expect(matches(`**/${"*a".repeat(40)}`, name)).toBe(true);
    const deep = Array.from({ length: 2000 }, () => "a").join("/");
    expect(matches(`${"**/a/".repeat(30)}b`, deep)).toBe(false);
    expect(compilePatterns([`${"*a".repeat(40)}b`, `${"**/a/".repeat(30)}b`]).matches(`${deep}/${name}`)).toBe(false);
  });

  it("parses segments minimatch is slow to parse (a thousand `[`) with its own reader", () => {
    const brackets = "[".repeat(1000);
    expect(compilePatterns([brackets]).matches(brackets)).toBe(true);
    expect(compilePatterns([`[${"[".repeat(998)}]`]).matches("[")).toBe(true);
  });

  it("never reads an extglob that got past the parser as one", () => {
    expect(matches("src/+(a|b).ts", "src/abba.ts")).toBe(false);
    expect(matches("src/+(a|b).ts", "src/+(a|b).ts")).toBe(true);
  });
});
