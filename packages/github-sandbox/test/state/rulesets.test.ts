import { describe, expect, it } from "vitest";
import { fnmatchRegex, rulesetCovers } from "../../src/state/rulesets.js";
import type { RepoState, RulesetState } from "../../src/state/index.js";

const repo = { defaultBranch: "main" } as RepoState;
const ruleset = (include: string[], exclude: string[] = []): RulesetState => ({
  id: 1,
  nodeId: "RRS_1",
  name: "r",
  target: "branch",
  enforcement: "active",
  include,
  exclude,
  rules: [],
  bypassActors: [],
  createdAt: "",
  updatedAt: "",
});

describe("ruleset conditions", () => {
  it("read fnmatch patterns as rulesets do: * stops at /, ** does not, ? one character, [] a class", () => {
    expect(fnmatchRegex("refs/heads/release/*").test("refs/heads/release/1.0")).toBe(true);
    expect(fnmatchRegex("refs/heads/release/*").test("refs/heads/release/1.0/fix")).toBe(false);
    expect(fnmatchRegex("refs/heads/release/**").test("refs/heads/release/1.0/fix")).toBe(true);
    expect(fnmatchRegex("refs/heads/v?").test("refs/heads/v2")).toBe(true);
    expect(fnmatchRegex("refs/heads/v?").test("refs/heads/v22")).toBe(false);
    expect(fnmatchRegex("refs/heads/[ab]x").test("refs/heads/bx")).toBe(true);
    expect(fnmatchRegex("refs/heads/[!ab]x").test("refs/heads/bx")).toBe(false);
    expect(fnmatchRegex("refs/heads/a.b").test("refs/heads/aXb")).toBe(false);
  });

  it("take in the default branch, every branch, or the patterns, less the exclusions", () => {
    expect(rulesetCovers(repo, ruleset(["~DEFAULT_BRANCH"]), "main")).toBe(true);
    expect(rulesetCovers(repo, ruleset(["~DEFAULT_BRANCH"]), "dev")).toBe(false);
    expect(rulesetCovers(repo, ruleset(["~ALL"], ["refs/heads/autopilot/*"]), "autopilot/state")).toBe(false);
    expect(rulesetCovers(repo, ruleset(["~ALL"], ["refs/heads/autopilot/*"]), "feature")).toBe(true);
    expect(rulesetCovers(repo, ruleset([]), "main")).toBe(false);
  });
});
