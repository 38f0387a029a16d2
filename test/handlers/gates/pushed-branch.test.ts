import { describe, expect, it } from "vitest";
import { pushedBranch, type PushedRef } from "../../../src/handlers/gates/push-secrets.js";

const sha = (digit: string) => digit.repeat(40);
const groupRef = `refs/heads/gh-readonly-queue/main/pr-7-${sha("a")}`;
const push = (ref: string, pusher: string): PushedRef => ({
  ref,
  before: sha("0"),
  after: sha("b"),
  created: true,
  deleted: false,
  pusher,
});

describe("the branch a push's secret gate judges", () => {
  it("leaves a merge group the merge queue built to the carried runs of its PR", () => {
    expect(pushedBranch(push(groupRef, "github-merge-queue[bot]"), "main")).toBeUndefined();
  });

  it("judges anyone else's push to a branch named like a merge group", () => {
    expect(pushedBranch(push(groupRef, "agent-bot"), "main")).toBe(`gh-readonly-queue/main/pr-7-${sha("a")}`);
  });

  it("judges the queue bot's pushes elsewhere, and skips deletions and the default branch's creation", () => {
    expect(pushedBranch(push("refs/heads/feature", "github-merge-queue[bot]"), "main")).toBe("feature");
    expect(pushedBranch({ ...push("refs/heads/feature", "dev"), deleted: true }, "main")).toBeUndefined();
    expect(pushedBranch(push("refs/heads/main", "dev"), "main")).toBeUndefined();
  });
});
