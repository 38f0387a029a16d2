import { describe, expect, it } from "vitest";
import { judgeTaskBranchRules, taskBranchProbe } from "../../../src/core/doctor/index.js";

const prefix = "autopilot/";
const keep = { deleteBranch: false };

describe("judgeTaskBranchRules", () => {
  it("names a branch like a real task's, so rulesets on the prefix or on every branch cover it", () => {
    expect(taskBranchProbe(prefix)).toBe("autopilot/T-1-task");
    expect(taskBranchProbe("bots/")).toBe("bots/T-1-task");
  });

  it("passes no rules, or rules the app's and the agent's pushes meet", () => {
    expect(judgeTaskBranchRules(prefix, [], keep).result).toBe("ok");
    expect(judgeTaskBranchRules(prefix, [{ type: "non_fast_forward" }, { type: "deletion" }], keep).result).toBe("ok");
  });

  it("fails a ruleset that forbids creating or pushing to task branches, naming it and the fix", () => {
    for (const type of ["creation", "update", "pull_request", "required_status_checks", "required_deployments"]) {
      expect(judgeTaskBranchRules(prefix, [{ type, ruleset_id: 9 }], keep).result).toBe("fail");
    }
    const verdict = judgeTaskBranchRules(
      prefix,
      [
        { type: "required_status_checks", ruleset_id: 9 },
        { type: "required_signatures", ruleset_id: 9 },
      ],
      keep,
    );
    expect(verdict.check).toBe("rulesets on task branches (autopilot/T-…)");
    expect(verdict.advice).toContain(
      "status checks on every commit before it is pushed (`required_status_checks`, ruleset 9)",
    );
    expect(verdict.advice).toContain("no task starts");
    expect(verdict.advice).toContain("exclude autopilot/** from the ruleset's target branches");
  });

  it("warns on signatures, patterns, linear history, and deletion only when the app deletes merged branches", () => {
    for (const type of ["required_signatures", "commit_message_pattern", "required_linear_history"]) {
      expect(judgeTaskBranchRules(prefix, [{ type }], keep).result).toBe("warn");
    }
    expect(judgeTaskBranchRules(prefix, [{ type: "deletion" }], { deleteBranch: true })).toMatchObject({
      result: "warn",
      advice: expect.stringContaining("`merge.delete_branch`"),
    });
  });
});
