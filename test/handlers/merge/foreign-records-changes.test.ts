import { describe, expect, it } from "vitest";
import type { PullCommit } from "../../../src/github/index.js";
import {
  droppedRecordsComment,
  foreignRecordsChanges,
  holdsForeign,
} from "../../../src/handlers/merge/foreign-records-changes.js";

const records = ["docs/PROGRESS.md", "docs/OUTLINE.md", "docs/blueprints/crosswalk.json"];
const app = (sha: string): PullCommit => ({ sha, author: { login: "autopilot[bot]" }, committer: null });
const person = (sha: string): PullCommit => ({
  sha,
  author: { login: "agent-bot" },
  committer: { login: "agent-bot" },
});
const isOwn = (commit: PullCommit) => commit.author?.login === "autopilot[bot]";

describe("foreignRecordsChanges", () => {
  it("finds nothing on a branch of the app's records commits", () => {
    const found = foreignRecordsChanges(
      {
        totalCommits: 2,
        commits: [app("a1"), app("a2")],
        files: [{ filename: "docs/PROGRESS.md" }, { filename: "docs/blueprints/crosswalk.json" }],
      },
      records,
      isOwn,
    );
    expect(found).toEqual({ commits: [], paths: [], incomplete: false });
    expect(holdsForeign(found)).toBe(false);
  });

  it("names a person's commit and every path outside the records, a rename by both names", () => {
    const found = foreignRecordsChanges(
      {
        totalCommits: 3,
        commits: [app("a1"), person("p1"), { author: null, committer: null }],
        files: [
          { filename: "src/auth/guard.ts" },
          { filename: "docs/PROGRESS.md", previous_filename: ".github/CODEOWNERS" },
          { filename: "docs/OUTLINE.md" },
        ],
      },
      records,
      isOwn,
    );
    expect(found).toEqual({
      commits: ["p1", "?"],
      paths: [".github/CODEOWNERS", "src/auth/guard.ts"],
      incomplete: false,
    });
    expect(holdsForeign(found)).toBe(true);
  });

  it("vouches for nothing when GitHub did not list the whole difference", () => {
    const commits = Array.from({ length: 100 }, (_, index) => app(`a${index}`));
    const many = foreignRecordsChanges({ totalCommits: 101, commits, files: [] }, records, isOwn);
    expect(holdsForeign(many)).toBe(true);
    const files = Array.from({ length: 300 }, () => ({ filename: "docs/PROGRESS.md" }));
    expect(foreignRecordsChanges({ totalCommits: 1, commits: [app("a")], files }, records, isOwn).incomplete).toBe(
      true,
    );
  });
});

describe("droppedRecordsComment", () => {
  it("names the dropped commits and paths as code, whatever the pusher named them", () => {
    const body = droppedRecordsComment(
      { commits: ["0123abc"], paths: ["src/a`|b <img src=x>.ts", "@maintainers/[x](https://evil)"], incomplete: false },
      "main",
    );
    expect(body).toContain("`0123abc`");
    expect(body).toContain("started this branch afresh from `main`");
    // inside code spans: no image, mention or link is rendered
    expect(body).toContain("``src/a`\\|b <img src=x>.ts``, `@maintainers/[x](https://evil)`");
  });

  it("says where the branch starts again: the default branch, or the app's last head of records alone", () => {
    const found = { commits: ["0123abc"], paths: [], incomplete: false };
    expect(droppedRecordsComment(found, "main")).toContain("started this branch afresh from `main`:");
    expect(droppedRecordsComment(found, "main", "9f8e7d6c5b4a")).toContain(
      "started this branch afresh at `9f8e7d6`, the app's last head of its records alone:",
    );
  });

  it("counts what it does not list", () => {
    const commits = Array.from({ length: 25 }, (_, index) => `c${index}`);
    const body = droppedRecordsComment({ commits, paths: [], incomplete: true }, "main");
    expect(body).toContain("and 5 more");
    expect(body).toContain("did not list the whole difference");
    expect(body).not.toContain("paths outside the records");
  });
});
