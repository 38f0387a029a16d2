import { describe, expect, it } from "vitest";
import { judgeStateDeletion, judgeStateRules } from "../../../src/core/doctor/index.js";

const branch = "autopilot/state";

describe("judgeStateRules", () => {
  it("passes no rules, or rules that let fast-forward pushes through", () => {
    expect(judgeStateRules(branch, []).result).toBe("ok");
    expect(
      judgeStateRules(branch, [{ type: "deletion" }, { type: "non_fast_forward" }, { type: "required_linear_history" }])
        .result,
    ).toBe("ok");
  });

  it("fails a ruleset that demands pull requests or checks, naming the ruleset and the fix", () => {
    const verdict = judgeStateRules(branch, [
      { type: "pull_request", ruleset_id: 7 },
      { type: "required_status_checks", ruleset_id: 7 },
      { type: "deletion", ruleset_id: 7 },
    ]);
    expect(verdict.result).toBe("fail");
    expect(verdict.advice).toContain("changes through a pull request (`pull_request`, ruleset 7)");
    expect(verdict.advice).toContain("status checks on every commit");
    expect(verdict.advice).toMatch(/GitHub refuses them.*exclude autopilot\/state .*bypass list/);
  });

  it("fails rules that forbid updates or creation; warns on signatures", () => {
    expect(judgeStateRules(branch, [{ type: "update" }]).result).toBe("fail");
    expect(judgeStateRules(branch, [{ type: "creation" }]).result).toBe("fail");
    expect(judgeStateRules(branch, [{ type: "required_signatures" }])).toMatchObject({
      result: "warn",
      advice: expect.stringContaining("signed commits"),
    });
  });
});

describe("judgeStateDeletion", () => {
  it("passes a ruleset that restricts deletions, and warns without one, naming the rule to add", () => {
    expect(judgeStateDeletion(branch, [{ type: "deletion", ruleset_id: 3 }]).result).toBe("ok");
    expect(judgeStateDeletion(branch, [{ type: "non_fast_forward" }])).toMatchObject({
      result: "warn",
      advice: expect.stringContaining('"Restrict deletions"'),
    });
  });
});
