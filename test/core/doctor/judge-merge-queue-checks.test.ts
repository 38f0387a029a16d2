import { describe, expect, it } from "vitest";
import { judgeMergeQueueChecks } from "../../../src/core/doctor/index.js";

const queue = { type: "merge_queue", parameters: { merge_method: "MERGE" } };
const requiring = (...contexts: string[]) => ({
  type: "required_status_checks",
  parameters: { required_status_checks: contexts.map((context) => ({ context })) },
});

describe("judgeMergeQueueChecks", () => {
  it("says nothing of a branch without a merge queue", () => {
    expect(judgeMergeQueueChecks("main", [requiring("autopilot/scope")])).toBeUndefined();
  });

  it("is fine with a queue that requires only the team's CI", () => {
    expect(judgeMergeQueueChecks("main", [queue, requiring("ci/test")])).toMatchObject({ result: "ok" });
  });

  it("warns when the queue requires autopilot/* checks the app cannot hear merge groups for", () => {
    const row = judgeMergeQueueChecks("main", [queue, requiring("ci/test", "autopilot/scope", "autopilot/review")]);
    expect(row).toMatchObject({ check: "merge queue of main", result: "warn" });
    expect(row?.advice).toContain("autopilot/scope, autopilot/review");
    expect(row?.advice).toContain("CI_TIMEOUT");
  });

  it("is fine when the installation grants merge queues and hears merge_group", () => {
    const installation = { permissions: { merge_queues: "read" }, events: ["merge_group"] };
    expect(judgeMergeQueueChecks("main", [queue, requiring("autopilot/scope")], installation)).toMatchObject({
      result: "ok",
    });
  });
});
