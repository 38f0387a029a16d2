import { describe, expect, it } from "vitest";
import {
  changeAccounts,
  decideMerge,
  ignoredBecause,
  requiredCheckOf,
  type FoundCheck,
  type MergeDecisionResult,
} from "../../../src/core/merge/index.js";
import { appSlugOf, isOwnRun } from "../../../src/core/own-check-run.js";
import { approval, greenInput, head, passed } from "./merge-fixtures.js";

const reasonOf = (result: MergeDecisionResult): string => ("reason" in result ? result.reason : "");
const high = { task: { risk: "high" as const } };
const status = (creator: string | null, state: "success" | "failure" = "success"): FoundCheck => ({
  name: "ci/test",
  ...passed(),
  conclusion: state,
  source: { kind: "status", creator },
});
const run = (app: string | null): FoundCheck => ({ name: "ci/test", ...passed(), source: { kind: "check_run", app } });

describe("changeAccounts: whose change it is", () => {
  it("gathers the bot, the PR author, the commits' accounts, agent accounts and the handle, once each in lower case", () => {
    const accounts = changeAccounts({
      botLogin: "autopilot[bot]",
      pullAuthor: "autopilot[bot]",
      commitAccounts: ["Widget-Agent", null, "widget-agent", undefined, "carol"],
      agentAccounts: ["copilot-swe-agent[bot]"],
      dispatchHandle: "@coder",
    });
    expect(accounts).toEqual(["autopilot[bot]", "widget-agent", "carol", "copilot-swe-agent[bot]", "coder"]);
  });
});

describe("approvals: none from the change's own accounts", () => {
  it("a writer who committed to the PR does not approve it, even when any writer counts", () => {
    const input = greenInput({
      ...high,
      owners: ["widget-agent", "carol"],
      agent: ["autopilot[bot]", "widget-agent"],
      approvals: [approval("widget-agent")],
    });
    const result = decideMerge(input);
    expect(result).toMatchObject({ action: "wait", waitingFor: ["approvals"] });
    expect(reasonOf(result)).toContain("widget-agent is the agent, a bot, or wrote or pushed this change");
    expect(decideMerge({ ...input, approvals: [approval("widget-agent"), approval("carol")] })).toMatchObject({
      action: "merge",
    });
  });
});

describe("required checks: counted only from their source", () => {
  it("an unpinned check counts a run from any app and a status from anyone but the change's own accounts", () => {
    const own = new Set(["widget-agent", "autopilot[bot]"]);
    const unpinned = requiredCheckOf("ci/test");
    expect(ignoredBecause(unpinned, run("github-actions"), own)).toBeUndefined();
    expect(ignoredBecause(unpinned, status("acme-ci"), own)).toBeUndefined();
    expect(ignoredBecause(unpinned, status("Widget-Agent"), own)).toBe(
      "a commit status by Widget-Agent, an account of the change itself",
    );
    expect(ignoredBecause(unpinned, status(null), own)).toBe("a commit status by an unknown account");
  });

  it("a pinned check counts only its app's run, never a status", () => {
    const pinned = requiredCheckOf({ name: "ci/test", app: "buildkite" });
    expect(ignoredBecause(pinned, run("buildkite"), new Set())).toBeUndefined();
    expect(ignoredBecause(pinned, run("github-actions"), new Set())).toBe(
      "a check run by github-actions (ci/test must come from buildkite)",
    );
    expect(ignoredBecause(pinned, status("acme-ci"), new Set())).toBe(
      "a commit status by acme-ci (ci/test must come from buildkite)",
    );
  });

  it("waits when the only success comes from the agent, and says which report was left out", () => {
    const input = greenInput({ requiredChecks: [status("copilot-swe-agent")] });
    const result = decideMerge(input);
    expect(result).toMatchObject({ action: "wait", waitingFor: ["ci/test"] });
    expect(reasonOf(result)).toContain(
      `ci/test has not reported on ${head.slice(0, 7)} (not counted: a commit status by copilot-swe-agent, an account of the change itself)`,
    );
    expect(decideMerge({ ...input, requiredChecks: [status("copilot-swe-agent"), status("acme-ci")] })).toMatchObject({
      action: "merge",
    });
  });

  it("a failure from the team's CI is not hidden by the agent's later success", () => {
    const input = greenInput({ requiredChecks: [status("copilot-swe-agent"), status("acme-ci", "failure")] });
    expect(decideMerge(input)).toMatchObject({ action: "wait", waitingFor: ["ci/test"] });
  });

  it("merges on a pinned check only with its app's run", () => {
    const merge = { required_checks: [{ name: "ci/test", app: "buildkite" }] };
    expect(
      decideMerge(greenInput({ merge, requiredChecks: [run("github-actions"), status("acme-ci")] })),
    ).toMatchObject({ action: "wait" });
    expect(decideMerge(greenInput({ merge, requiredChecks: [run("buildkite")] }))).toMatchObject({ action: "merge" });
  });
});

describe("own check runs", () => {
  it("are the runs of the app whose bot login it is", () => {
    expect(appSlugOf("autopilot[bot]")).toBe("autopilot");
    expect(isOwnRun({ app: { slug: "Autopilot" } }, "autopilot")).toBe(true);
    expect(isOwnRun({ app: { slug: "github-actions" } }, "autopilot")).toBe(false);
    expect(isOwnRun({ app: null }, "autopilot")).toBe(false);
  });
});
