import { describe, expect, it } from "vitest";
import type { ReviewRecord } from "../../../src/core/review/index.js";
import { type FinishedTask, followupIssues } from "../../../src/handlers/merge/finish-task.js";

const followup = (text: string) => ({ fingerprint: text, kind: "followup" as const, severity: null, file: null, text });
const task = (texts: string[]): FinishedTask => ({
  taskId: "T-7",
  issue: 7,
  pullNumber: 12,
  mergeSha: "b".repeat(40),
  branch: "autopilot/T-7-page",
  risk: "low",
  review: {
    findings: [
      { fingerprint: "r1", kind: "risk", severity: "low", file: "src/a.ts", text: "A risk, not a follow-up" },
      ...texts.map(followup),
    ],
  } as ReviewRecord,
});

describe("the follow-up issues of a merged task", () => {
  it("opens at most `max`, blocking ones first, and counts the rest", () => {
    const { issues, left } = followupIssues(
      task(["later: Document paging", "later: Add a metric", "blocking: Fix the cursor", "later: Tidy names"]),
      2,
    );
    expect(issues.map((issue) => issue.title)).toEqual(["[blocking] Fix the cursor", "Document paging"]);
    expect(issues[0]!.body).toContain("Follow-up of T-7 (#7), raised by the review of #12");
    expect(left).toBe(2);
  });

  it("opens a title once however the review worded its copies, blocking when any copy is", () => {
    const { issues, left } = followupIssues(
      task(["later: Document paging", "blocking: document  PAGING!", "later: Document-paging"]),
      5,
    );
    expect(issues.map((issue) => issue.title)).toEqual(["[blocking] Document paging"]);
    expect(left).toBe(0);
  });

  it("opens none with a cap of 0, and none without a review", () => {
    expect(followupIssues(task(["later: Document paging"]), 0)).toEqual({ issues: [], left: 1 });
    expect(followupIssues({ ...task([]), review: undefined }, 5)).toEqual({ issues: [], left: 0 });
  });
});
