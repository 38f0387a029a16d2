import { describe, expect, it } from "vitest";
import { formatConfigIssues, parseConfig } from "../../src/config/index.js";

describe("readiness: in .github/autopilot.yml", () => {
  it("defaults to no required checks, and takes names or names pinned to an app", () => {
    const result = parseConfig("readiness:\n  required_checks: [ci/test, { name: smoke, app: github-actions }]\n");
    expect(result.ok && result.config.readiness).toEqual({
      required_checks: ["ci/test", { name: "smoke", app: "github-actions" }],
    });
    const empty = parseConfig("");
    expect(empty.ok && empty.config.readiness).toEqual({ required_checks: [] });
  });

  it("refuses Autopilot's own checks, a check listed twice, an unknown key (commands are not run), each with its path", () => {
    const result = parseConfig(
      "readiness:\n  required_checks: [autopilot/scope, ci/test, ci/test]\n  commands: [npm test]\n",
      { file: ".github/autopilot.yml" },
    );
    expect(result.ok).toBe(false);
    const text = result.ok ? "" : formatConfigIssues(result.issues, ".github/autopilot.yml");
    expect(text).toContain("readiness.required_checks[0]");
    expect(text).toContain("readiness.required_checks[2]");
    expect(text).toContain("`ci/test` is listed twice");
    expect(text).toContain("readiness");
    expect(text).toContain("commands");
  });
});
