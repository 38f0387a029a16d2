import { describe, expect, it } from "vitest";
import { defaultConfig, type Config } from "../../src/config/index.js";
import { evaluateReadiness } from "../../src/handlers/readiness/evaluate-readiness.js";
import { contextOn, fakeGitHubPort } from "../helpers/fake-github-port.js";
import { testServices } from "../helpers/test-services.js";

const workflow = "on:\n  workflow_dispatch:\n    inputs:\n      task: { required: true }\njobs: {}\n";
const config: Config = {
  ...defaultConfig(),
  dispatch: {
    target: "workflow_dispatch",
    workflow: "agent.yml",
    inputs: { task: "{{task_id}}" },
    retries: { attempts: 1 },
    stale_after: "6h",
  },
  readiness: { required_checks: ["ci/test"] },
} as Config;

describe("evaluateReadiness", () => {
  it("costs three reads once it knows the head's workflow and the protection, and commits only a changed result", async () => {
    let status = "failure";
    const github = fakeGitHubPort(
      { branches: { main: { ".github/workflows/agent.yml": workflow }, "autopilot/state": {} } },
      {
        readFile: async (path) => (path === ".github/workflows/agent.yml" ? workflow : undefined),
        listCommitStatuses: async () => [{ context: "ci/test", state: status, creator: { login: "acme-ci" } }],
      },
    );
    const ctx = contextOn(github, config, testServices());
    const first = await evaluateReadiness(ctx, "autopilot[bot]", new Date("2026-01-01T00:00:00Z"));
    expect(first.ready).toBe(false);
    expect(first.rows.find((row) => row.id === "check:ci/test")).toMatchObject({
      result: "fail",
      since: "2026-01-01T00:00:00.000Z",
    });
    expect(github.state.commits.map((commit) => Object.keys(commit.files))).toEqual([["ops/readiness.json"]]);

    const before = github.calls.length;
    const again = await evaluateReadiness(ctx, "autopilot[bot]", new Date("2026-01-01T00:05:00Z"));
    expect(
      github.calls
        .slice(before)
        .map((call) => call.op)
        .sort(),
    ).toEqual([
      "branchSha",
      "installationPermissions", // from the token the client holds: no request
      "listCheckRuns",
      "listCommitStatuses",
    ]);
    expect(again.rows.find((row) => row.id === "check:ci/test")?.since).toBe("2026-01-01T00:00:00.000Z");
    expect(github.state.commits).toHaveLength(1);

    status = "success";
    const green = await evaluateReadiness(ctx, "autopilot[bot]", new Date("2026-01-01T00:07:00Z"));
    expect(green.ready).toBe(true);
    expect(green.rows.find((row) => row.id === "check:ci/test")).toMatchObject({
      result: "ok",
      since: "2026-01-01T00:07:00.000Z",
    });
    expect(github.state.commits).toHaveLength(2);
    // the protection is read again after ten minutes: a rule added since holds tasks then
    const later = github.calls.length;
    await evaluateReadiness(ctx, "autopilot[bot]", new Date("2026-01-01T00:11:00Z"));
    expect(github.calls.slice(later).map((call) => call.op)).toEqual(
      expect.arrayContaining(["branchSummary", "branchRules"]),
    );
  });
});
