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

  it("leaves a head this instance merged just now unread for a display, never for a decision", async () => {
    const github = fakeGitHubPort(
      { branches: { main: { ".github/workflows/agent.yml": workflow }, "autopilot/state": {} } },
      {
        readFile: async (path) => (path === ".github/workflows/agent.yml" ? workflow : undefined),
        // CI already failing on the merge commit: what a decision must see
        listCommitStatuses: async () => [{ context: "lint", state: "failure", creator: { login: "acme-ci" } }],
      },
    );
    const services = testServices();
    const ctx = contextOn(github, { ...config, readiness: { required_checks: [] } } as Config, services);
    const head = await github.branchSha("main");
    const mergedAt = Date.parse("2026-01-01T00:00:00Z");
    services.knownCommits.markMerged("acme/widgets", head, mergedAt);
    const checkReads = (from: number) =>
      github.calls.slice(from).filter((call) => call.op === "listCommitStatuses" || call.op === "listCheckRuns");

    let before = github.calls.length;
    const shown = await evaluateReadiness(ctx, "autopilot[bot]", new Date(mergedAt + 10_000), { display: true });
    expect(checkReads(before)).toEqual([]);
    expect(shown.ci.state).toBe("pending");
    expect(shown.rows.find((row) => row.id === "ci")?.detail).toContain("merged just now");

    // a decision (a dispatch) reads them, and sees the failure
    before = github.calls.length;
    const decided = await evaluateReadiness(ctx, "autopilot[bot]", new Date(mergedAt + 20_000));
    expect(checkReads(before)).toHaveLength(2);
    expect(decided.ci).toEqual({ state: "failure", failing: ["lint"] });
    // once read, a display shows what was read (a conditional read, free), not "pending"
    before = github.calls.length;
    const after = await evaluateReadiness(ctx, "autopilot[bot]", new Date(mergedAt + 30_000), { display: true });
    expect(checkReads(before)).toHaveLength(2);
    expect(after.ci.state).toBe("failure");
  });

  it("reads a merged head's checks for a display once the merge is two minutes old", async () => {
    const github = fakeGitHubPort(
      { branches: { main: {}, "autopilot/state": {} } },
      { readFile: async (path) => (path === ".github/workflows/agent.yml" ? workflow : undefined) },
    );
    const services = testServices();
    const ctx = contextOn(github, config, services);
    const mergedAt = Date.parse("2026-01-01T00:00:00Z");
    services.knownCommits.markMerged("acme/widgets", await github.branchSha("main"), mergedAt);
    const before = github.calls.length;
    await evaluateReadiness(ctx, "autopilot[bot]", new Date(mergedAt + 2 * 60_000), { display: true });
    expect(github.calls.slice(before).map((call) => call.op)).toEqual(
      expect.arrayContaining(["listCommitStatuses", "listCheckRuns"]),
    );
  });
});
