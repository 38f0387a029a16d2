import { describe, expect, it } from "vitest";
import { judgeStateProtection } from "../../../src/core/doctor/index.js";

const rules = (requiredApprovals: number, requiredChecks: string[] = []) => ({
  kind: "rules" as const,
  rules: { requiredApprovals, codeOwnerReviews: false, dismissStale: false, requiredChecks, strict: false },
});

describe("judgeStateProtection", () => {
  it("fails any protection on a state branch of the app's own, passes none, and cannot pass what it cannot read", () => {
    expect(judgeStateProtection("autopilot/state", "main", rules(0)).result).toBe("fail");
    const summary = { kind: "summary" as const, protected: true, requiredChecks: [] };
    expect(judgeStateProtection("autopilot/state", "main", summary).result).toBe("fail");
    expect(judgeStateProtection("autopilot/state", "main", { ...summary, protected: false }).result).toBe("ok");
    expect(judgeStateProtection("autopilot/state", "main", { kind: "unknown" }).result).toBe("warn");
  });

  it("with the default branch as state branch, fails required reviews or checks and warns on other protection", () => {
    expect(judgeStateProtection("main", "main", rules(1)).result).toBe("fail");
    expect(judgeStateProtection("main", "main", rules(0, ["ci/test"])).result).toBe("fail");
    expect(judgeStateProtection("main", "main", rules(0)).result).toBe("warn");
    const summary = { kind: "summary" as const, protected: true, requiredChecks: ["ci/test"] };
    expect(judgeStateProtection("main", "main", summary).result).toBe("fail");
    expect(judgeStateProtection("main", "main", { ...summary, requiredChecks: [] }).result).toBe("warn");
  });
});
