import { describe, expect, it } from "vitest";
import { defaultConfig, type Config } from "../../../src/config/index.js";
import { assessReadiness, readinessHoldReason, type ReadinessFacts } from "../../../src/core/readiness/index.js";

const head = "a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0";
const granted = {
  contents: "write",
  pull_requests: "write",
  issues: "write",
  checks: "write",
  actions: "write",
  statuses: "read",
  metadata: "read",
};
const agentWorkflow = [
  "on:",
  "  workflow_dispatch:",
  "    inputs:",
  "      task: { required: true }",
  "jobs: { agent: { runs-on: ubuntu-latest, steps: [{ run: echo }] } }",
  "",
].join("\n");

const configWith = (patch: Partial<Config>): Config => ({ ...defaultConfig(), ...patch });
const workflowConfig = (required: Config["readiness"]["required_checks"] = []): Config =>
  configWith({
    dispatch: {
      target: "workflow_dispatch",
      workflow: "agent.yml",
      inputs: { task: "{{task_id}}" },
      retries: { attempts: 1 },
      stale_after: "6h",
    },
    agent_accounts: ["coder"],
    readiness: { required_checks: required },
  } as Partial<Config>);

const facts = (patch: Partial<ReadinessFacts> = {}): ReadinessFacts => ({
  defaultBranch: "main",
  headSha: head,
  config: { ok: true, config: workflowConfig() },
  workflowText: agentWorkflow,
  stateProtection: { kind: "summary", protected: false, requiredChecks: [] },
  stateRules: [],
  granted,
  statuses: [],
  runs: [],
  ownCheck: (name) => name.startsWith("autopilot/"),
  appLogin: "autopilot[bot]",
  ...patch,
});

const row = (readiness: ReturnType<typeof assessReadiness>, id: string) =>
  readiness.rows.find((item) => item.id === id);

describe("assessReadiness", () => {
  it("is ready when doctor's checks pass and CI is not failing, each row naming its principal and what passing means", () => {
    const readiness = assessReadiness(facts());
    expect(readiness.ready).toBe(true);
    expect(readiness.rows.map((item) => [item.id, item.principal, item.result])).toEqual([
      ["config", "repository", "ok"],
      ["agent", "agent", "ok"],
      ["protection", "repository", "ok"],
      ["permissions", "app", "ok"],
      ["ci", "repository", "ok"],
    ]);
    expect(readinessHoldReason(readiness.rows)).toBeUndefined();
  });

  it("shows CI as pending on a head merged just now whose checks were not read, and a required check as not green", () => {
    const readiness = assessReadiness(
      facts({ justMerged: true, config: { ok: true, config: workflowConfig(["ci/test"]) } }),
    );
    expect(readiness.ci).toEqual({ state: "pending", failing: [] });
    expect(row(readiness, "ci")).toMatchObject({ result: "ok", detail: expect.stringContaining("merged just now") });
    expect(row(readiness, "check:ci/test")?.result).toBe("fail");
    expect(readiness.ready).toBe(false);
  });

  it("fails the agent row as doctor does: a missing workflow, a workflow without the trigger, a mention Copilot ignores", () => {
    expect(row(assessReadiness(facts({ workflowText: undefined })), "agent")).toMatchObject({
      result: "fail",
      detail: expect.stringContaining(".github/workflows/agent.yml does not exist on main"),
    });
    const pushOnly = assessReadiness(facts({ workflowText: "on: push\njobs: {}\n" }));
    expect(row(pushOnly, "agent")?.detail).toContain("no `workflow_dispatch` trigger");
    expect(pushOnly.ready).toBe(false);
    const copilot = configWith({ dispatch: { target: "mention", handle: "@copilot" } } as Partial<Config>);
    expect(row(assessReadiness(facts({ config: { ok: true, config: copilot } })), "agent")?.result).toBe("fail");
  });

  it("fails when the installation lacks a permission the configuration needs, and only warns when it cannot tell", () => {
    const noActions = assessReadiness(facts({ granted: { ...granted, actions: "read" } }));
    expect(row(noActions, "permissions")).toMatchObject({ result: "fail", detail: expect.stringContaining("actions") });
    const unknown = assessReadiness(facts({ granted: undefined }));
    expect(row(unknown, "permissions")?.result).toBe("warn");
    expect(unknown.ready).toBe(true);
  });

  it("fails when the state branch is protected or a ruleset refuses the app's pushes to it", () => {
    const guarded = assessReadiness(
      facts({ stateProtection: { kind: "summary", protected: true, requiredChecks: [] } }),
    );
    expect(row(guarded, "protection")).toMatchObject({ result: "fail", check: "branch protection of autopilot/state" });
    const ruled = assessReadiness(facts({ stateRules: [{ type: "pull_request", ruleset_id: 7 }] }));
    expect(row(ruled, "protection")).toMatchObject({ result: "fail", check: "rulesets on autopilot/state" });
    // a branch the app cannot read yet (not created) is a warning, not a pass and not a hold
    expect(row(assessReadiness(facts({ stateProtection: { kind: "unknown" } })), "protection")?.result).toBe("warn");
  });

  it("holds new tasks when a ruleset refuses pushes to task branches, and shows no row when GitHub did not say", () => {
    const ruled = assessReadiness(facts({ taskRules: [{ type: "creation", ruleset_id: 4 }] }));
    expect(row(ruled, "task-branches")).toMatchObject({
      result: "fail",
      check: "rulesets on task branches (autopilot/T-…)",
      detail: expect.stringContaining("no creation (`creation`, ruleset 4)"),
    });
    expect(ruled.ready).toBe(false);
    expect(readinessHoldReason(ruled.rows)).toContain("exclude autopilot/** from the ruleset's target branches");
    expect(row(assessReadiness(facts({ taskRules: [] })), "task-branches")?.result).toBe("ok");
    expect(row(assessReadiness(facts({ taskRules: undefined })), "task-branches")).toBeUndefined();
  });

  it("fails on CI failing on the default branch's head, leaving out Autopilot's own check runs", () => {
    const red = assessReadiness(
      facts({
        statuses: [{ context: "ci/build", state: "failure", creator: { login: "acme-ci" } }],
        runs: [{ name: "autopilot/scope", status: "completed", conclusion: "failure", app: { slug: "autopilot" } }],
      }),
    );
    expect(row(red, "ci")).toMatchObject({ result: "fail", detail: "failing on a1b2c3d: ci/build" });
    expect(readinessHoldReason(red.rows)).toBe(
      "Autopilot is not ready on this repository: CI on main: failing on a1b2c3d: ci/build",
    );
    // a newer status of the same context replaces the failure, as GitHub's combined status does
    const fixed = assessReadiness(
      facts({
        statuses: [
          { context: "ci/build", state: "success", creator: { login: "acme-ci" } },
          { context: "ci/build", state: "failure", creator: { login: "acme-ci" } },
        ],
      }),
    );
    expect(fixed.ready).toBe(true);
  });

  it("does not fail on a failing status the agent's account or the app posted, whoever else is green", () => {
    for (const login of ["coder", "Coder", "autopilot[bot]"]) {
      const forged = assessReadiness(
        facts({
          config: { ok: true, config: workflowConfig([]) },
          statuses: [
            { context: "ci/lint", state: "failure", creator: { login } },
            { context: "ci/build", state: "success", creator: { login: "acme-ci" } },
          ],
        }),
      );
      expect(row(forged, "ci")).toMatchObject({ result: "ok", detail: "green on a1b2c3d" });
      expect(forged.ci).toEqual({ state: "success", failing: [] });
    }
  });

  it("says only the configuration is invalid when it is, and holds", () => {
    const invalid = assessReadiness(facts({ config: { ok: false, problems: 2 } }));
    expect(invalid.ready).toBe(false);
    expect(row(invalid, "config")?.detail).toContain("2 problem(s)");
  });
});

describe("readiness.required_checks", () => {
  const withChecks = (required: Config["readiness"]["required_checks"], patch: Partial<ReadinessFacts>) =>
    assessReadiness(facts({ config: { ok: true, config: workflowConfig(required) }, ...patch }));

  it("holds while a required check has not reported, is still running or failed, and passes once it is green", () => {
    expect(row(withChecks(["ci/test"], {}), "check:ci/test")).toMatchObject({
      result: "fail",
      principal: "repository",
      expected: "green on main's head",
      detail: "has not reported on a1b2c3d",
    });
    const running = [{ name: "ci/test", status: "in_progress", conclusion: null, app: { slug: "github-actions" } }];
    expect(row(withChecks(["ci/test"], { runs: running }), "check:ci/test")?.detail).toBe("still running on a1b2c3d");
    const failed = [{ name: "ci/test", status: "completed", conclusion: "timed_out", app: { slug: "github-actions" } }];
    expect(row(withChecks(["ci/test"], { runs: failed }), "check:ci/test")?.detail).toBe("timed_out on a1b2c3d");
    const green = [{ name: "ci/test", status: "completed", conclusion: "success", app: { slug: "github-actions" } }];
    expect(withChecks(["ci/test"], { runs: green }).ready).toBe(true);
  });

  it("never counts a green status the agent's account or the app itself posted on the default branch", () => {
    for (const login of ["coder", "autopilot[bot]"]) {
      const forged = withChecks(["ci/test"], {
        statuses: [{ context: "ci/test", state: "success", creator: { login } }],
      });
      expect(forged.ready).toBe(false);
      expect(row(forged, "check:ci/test")?.detail).toContain("not counted");
    }
    const team = withChecks(["ci/test"], {
      statuses: [{ context: "ci/test", state: "success", creator: { login: "acme-ci" } }],
    });
    expect(team.ready).toBe(true);
  });

  it("counts a pinned check only from its app: another app's run and any status of the name are not it", () => {
    const pinned = [{ name: "ci/build", app: "team-ci" }];
    const forged = withChecks(pinned, {
      runs: [{ name: "ci/build", status: "completed", conclusion: "success", app: { slug: "github-actions" } }],
      statuses: [{ context: "ci/build", state: "success", creator: { login: "acme-ci" } }],
    });
    expect(forged.ready).toBe(false);
    expect(row(forged, "check:ci/build")).toMatchObject({
      expected: "green from the app team-ci on main's head",
      detail: expect.stringContaining("has not reported on a1b2c3d; not counted: a check run by github-actions"),
    });
    const real = withChecks(pinned, {
      runs: [{ name: "ci/build", status: "completed", conclusion: "success", app: { slug: "team-ci" } }],
    });
    expect(real.ready).toBe(true);
  });

  it("fails when one counted source is red, whatever other sources say green", () => {
    const mixed = withChecks(["ci/test"], {
      runs: [{ name: "ci/test", status: "completed", conclusion: "success", app: { slug: "other-ci" } }],
      statuses: [{ context: "ci/test", state: "failure", creator: { login: "acme-ci" } }],
    });
    expect(row(mixed, "check:ci/test")?.result).toBe("fail");
  });
});
