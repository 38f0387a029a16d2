import { describe, expect, it } from "vitest";
import type { RollbackRecord } from "../../../src/core/queue/index.js";
import { rollbackSection } from "../../../src/core/rollback/index.js";
import { entryFor } from "../queue/queue-fixtures.js";

const repoUrl = "https://github.com/acme/widgets";
const record: RollbackRecord = {
  merge_sha: "a".repeat(40),
  pr: 105,
  check: "ci/test",
  url: "https://ci.example/runs/7",
  reported_by: "acme-ci",
  revert_pr: 12,
  at: "2025-06-01T12:00:00.000Z",
};
const done = ["queued", "in_progress", "review", "done"] as const;

describe("rollbackSection", () => {
  it("lists a rolled-back task with its failed check, its merge and its revert", () => {
    const entry = entryFor(5, [...done, "blocked"], { rollback: record });
    const text = rollbackSection(repoUrl, [entry, entryFor(6, [...done])], 50).join("\n");
    expect(text).toContain("## Rolled back");
    expect(text).toContain("[T-5](https://github.com/acme/widgets/issues/5)");
    expect(text).toContain("[`ci/test`](https://ci.example/runs/7)");
    expect(text).toContain("[#105](https://github.com/acme/widgets/pull/105) as `aaaaaaa`");
    expect(text).toContain("[#12](https://github.com/acme/widgets/pull/12)");
    expect(text).not.toContain("T-6");
  });

  it("says when the revert could not be opened, and shows nothing once no rolled-back task is blocked", () => {
    const unopened = entryFor(5, [...done, "blocked"], { rollback: { ...record, revert_pr: null } });
    expect(rollbackSection(repoUrl, [unopened], 50).join("\n")).toContain("not opened");
    const moved = entryFor(5, [...done, "blocked", "needs_owner"], { rollback: record });
    expect(rollbackSection(repoUrl, [moved, entryFor(6)], 50)).toEqual([]);
  });
});
