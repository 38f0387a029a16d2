import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { judgePermissions, neededEvents, neededPermissions } from "../../../src/core/doctor/index.js";

const manifest = parse(readFileSync(join(import.meta.dirname, "../../../app.yml"), "utf8")) as {
  default_permissions: Record<string, string>;
  default_events: string[];
};
const all = Object.fromEntries(neededPermissions.map((need) => [need.permission, need.level]));
const base = { dispatchesWorkflows: true, codeownerTeams: [] as string[] };

describe("judgePermissions", () => {
  it("needs exactly what app.yml asks for, permissions and events", () => {
    expect(all).toEqual(manifest.default_permissions);
    expect([...neededEvents].sort()).toEqual([...manifest.default_events].sort());
  });

  it("passes app.yml's permissions, and an admin level where write is needed", () => {
    expect(
      judgePermissions({ ...base, granted: manifest.default_permissions, events: manifest.default_events }),
    ).toEqual([expect.objectContaining({ check: "app permissions", result: "ok" })]);
    const admin = judgePermissions({ ...base, granted: { ...all, contents: "admin" } });
    expect(admin.map((row) => row.result)).toEqual(["ok"]);
  });

  it("fails one row per missing or too low permission, with what breaks and where to grant it", () => {
    const rows = judgePermissions({
      ...base,
      granted: { ...all, checks: "read", statuses: undefined as unknown as string },
      settingsUrl: "https://github.com/organizations/acme/settings/installations/1",
    });
    expect(rows.map((row) => [row.check, row.result])).toEqual([
      ["app permission checks", "fail"],
      ["app permission statuses", "fail"],
    ]);
    expect(rows[0]?.advice).toContain("grants only `checks: read`");
    expect(rows[0]?.advice).toContain("settings/installations/1");
    expect(rows[1]?.advice).toMatch(
      /`statuses: read`; the installation does not grant it: .*CI that reports statuses never counts/,
    );
  });

  it("needs actions: write only for workflow_dispatch, members: read only for CODEOWNERS teams", () => {
    const { actions: _actions, ...noActions } = all;
    expect(
      judgePermissions({ ...base, dispatchesWorkflows: false, granted: noActions }).map((row) => row.result),
    ).toEqual(["ok"]);
    expect(judgePermissions({ ...base, granted: noActions })[0]).toMatchObject({
      check: "app permission actions",
      result: "fail",
    });
    const teams = judgePermissions({ ...base, granted: all, codeownerTeams: ["@acme/core"] });
    expect(teams.map((row) => [row.check, row.result])).toEqual([
      ["app permissions", "ok"],
      ["app permission members", "warn"],
    ]);
    expect(
      judgePermissions({ ...base, granted: { ...all, members: "read" }, codeownerTeams: ["@acme/core"] }),
    ).toHaveLength(1);
  });

  it("needs merge_queues: write and merge_group only for a default branch under a merge queue", () => {
    const { merge_queues: _queues, ...noQueues } = all;
    const hears = neededEvents.filter((event) => event !== "merge_group");
    expect(judgePermissions({ ...base, granted: noQueues, events: hears }).map((row) => row.result)).toEqual(["ok"]);
    const rows = judgePermissions({ ...base, mergeQueue: true, granted: noQueues, events: hears });
    expect(rows.map((row) => [row.check, row.result])).toEqual([
      ["app permission merge_queues", "fail"],
      ["app events", "fail"],
    ]);
    expect(rows[0]?.advice).toContain("merge queue");
    expect(rows[1]?.advice).toContain("`merge_group`");
    expect(
      judgePermissions({ ...base, mergeQueue: true, granted: all, events: neededEvents }).map((row) => row.result),
    ).toEqual(["ok"]);
  });

  it("fails events the app is not subscribed to", () => {
    const rows = judgePermissions({
      ...base,
      granted: all,
      events: neededEvents.filter((event) => event !== "check_run"),
    });
    expect(rows).toEqual([
      expect.objectContaining({ check: "app events", result: "fail", advice: expect.stringContaining("`check_run`") }),
    ]);
  });

  it("only warns without pull_request_review_thread: a resolved conversation then waits for the sweep", () => {
    const rows = judgePermissions({
      ...base,
      granted: all,
      events: neededEvents.filter((event) => event !== "pull_request_review_thread"),
    });
    expect(rows.map((row) => [row.check, row.result])).toEqual([
      ["app permissions", "ok"],
      ["app events", "warn"],
    ]);
    expect(rows[1]?.advice).toContain("goes on only at the next sweep or event");
  });

  it("needs workflow_run (and actions) to follow the agent's run only when workflows start it", () => {
    const events = neededEvents.filter((event) => event !== "workflow_run");
    const rows = judgePermissions({ ...base, granted: all, events });
    expect(rows).toEqual([
      expect.objectContaining({
        check: "app events",
        result: "fail",
        advice: expect.stringContaining("failed runs are never reported, re-run or handed to the owner"),
      }),
    ]);
    expect(judgePermissions({ ...base, dispatchesWorkflows: false, granted: all, events })).toEqual([
      expect.objectContaining({ result: "ok" }),
    ]);
    const { actions: _actions, ...noActions } = all;
    expect(judgePermissions({ ...base, granted: noActions })[0]?.advice).toContain("`workflow_run` events");
  });
});
