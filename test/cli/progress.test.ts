import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/index.js";
import { parseQueue } from "../../src/core/queue/index.js";
import { recordsUpdate } from "../../src/handlers/merge/records-pull.js";
import { entryFor, fileOf } from "../core/queue/queue-fixtures.js";
import { planText, twoPhasePlan } from "../core/plan/plan-fixtures.js";
import { contextOn, fakeGitHubPort } from "../helpers/fake-github-port.js";
import { gitIn, gitRepo, runCli, writeFiles } from "./cli-harness.js";

const repoUrl = "https://github.com/acme/widgets";
const now = "2026-12-01T10:00:00.000Z";
const done = ["queued", "in_progress", "review", "done"] as const;
const crosswalk = `${JSON.stringify({ version: 1, entries: { "NT-0001": { tasks: ["T-4"], code: ["src/a.ts"], tests: [], status: "done" } } })}\n`;
const queueText = fileOf(
  JSON.stringify({ ...entryFor(4, done, { refs: ["NT-0001"] }), item: "1.1" }),
  JSON.stringify({ ...entryFor(5, ["queued", "in_progress"]), item: "1.2" }),
  JSON.stringify({ ...entryFor(6, ["queued"]), item: "2.1" }),
);

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A checkout of the default branch with the plan and crosswalk, and the queue on `autopilot/state` only. */
function checkout(plan = planText()): string {
  const dir = gitRepo({ "ops/por.json": plan, "docs/blueprints/crosswalk.json": crosswalk, "README.md": "x\n" });
  dirs.push(dir);
  gitIn(dir, "checkout", "-q", "--orphan", "autopilot/state");
  gitIn(dir, "rm", "-rq", "--cached", ".");
  writeFiles(dir, { "ops/queue.jsonl": queueText });
  gitIn(dir, "add", "ops/queue.jsonl");
  gitIn(dir, "commit", "-qm", "queue");
  gitIn(dir, "checkout", "-qf", "main");
  gitIn(dir, "clean", "-qfd");
  return dir;
}

describe("autopilot progress", () => {
  it("reports per phase and overall from the plan, the queue at a ref and the crosswalk", async () => {
    const dir = checkout();
    const run = await runCli(["progress", "--ref", "autopilot/state"], dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "Widgets v1: 1 of 3 work items done (33%), 0 of 2 phases done",
        "  P1  1/2   50%  in progress  Foundations",
        "  P2  0/1    0%  not started  Delivery",
        "",
      ].join("\n"),
    );
    const json = JSON.parse((await runCli(["progress", "--ref", "autopilot/state", "--format", "json"], dir)).stdout);
    expect(json.phases[1].items).toEqual([{ id: "2.1", status: "queued", tasks: ["T-6"], waits_on: ["1.2"] }]);
  });

  it("writes PROGRESS.md and OUTLINE.md exactly as the app writes them after a merge", async () => {
    const dir = checkout();
    const run = await runCli(
      ["progress", "--ref", "autopilot/state", "--write", "--repo-url", repoUrl, "--now", now],
      dir,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("wrote docs/OUTLINE.md");

    // the app's own path: the records a merge of T-6 commits, from the same files
    const github = fakeGitHubPort({
      branches: { main: { "ops/por.json": planText(), "docs/blueprints/crosswalk.json": crosswalk } },
    });
    const ctx = contextOn(github, defaultConfig());
    const queue = parseQueue(queueText).doc;
    const read = async (path: string) => github.readFile(path, "main");
    const app = await recordsUpdate(ctx, queue, { taskId: "T-6", files: [] }, repoUrl, read, new Date(now));
    expect(Object.keys(app).sort()).toEqual(["docs/OUTLINE.md", "docs/PROGRESS.md"]);
    for (const [path, text] of Object.entries(app)) expect(readFileSync(join(dir, path), "utf8")).toBe(text);
    expect(app["docs/OUTLINE.md"]).toContain("- [x] **1.1** Widget schema · refs NT-0001 ✓ · [T-4]");
  });

  it("lists every problem of an invalid plan and exits 1", async () => {
    const plan = {
      ...twoPhasePlan,
      items: [...twoPhasePlan.items, { id: "3.1", title: "Orphan", depends_on: ["9.9"] }],
    };
    const dir = checkout(planText(plan));
    const run = await runCli(["progress", "--ref", "autopilot/state"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([
      'ops/por.json: items[3]: work item "3.1" is in no phase; add it to the items of one phase',
      'ops/por.json: items[3].depends_on[0]: unknown work item "9.9"',
    ]);
    expect(run.stdout).toBe("ops/por.json is not a valid plan (2 problem(s), above)\n");
  });

  it("checks the plan in a CI checkout that has no queue, and says when there is no plan", async () => {
    const dir = checkout();
    expect(await runCli(["progress"], dir)).toEqual({
      code: 0,
      stdout: expect.stringContaining("Widgets v1: 0 of 3 work items done (0%), 0 of 2 phases done"),
      stderr: "",
    });
    writeFiles(dir, { "ops/por.json": "{}" });
    expect((await runCli(["progress"], dir)).code).toBe(1);
    rmSync(join(dir, "ops/por.json"));
    const none = await runCli(["progress"], dir);
    expect(none).toEqual({
      code: 0,
      stdout: "no plan of record (ops/por.json): nothing to report per phase\n",
      stderr: "",
    });
  });

  it("prints no terminal escape sequence from a plan title", async () => {
    const dir = checkout(planText({ ...twoPhasePlan, title: "Plan \u001b]0;owned\u0007\u001b[2J" }));
    const run = await runCli(["progress", "--ref", "autopilot/state"], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/\u001b|\u0007/);
    expect(run.stdout.split("\n")[0]).toBe("Plan ?]0;owned??[2J: 1 of 3 work items done (33%), 0 of 2 phases done");
  });

  it("refuses a --ref that is an option, a missing queue at the ref and a bad --now", async () => {
    const dir = checkout();
    expect((await runCli(["progress", "--ref=--output=x"], dir)).stderr).toContain("--ref must name a revision");
    expect((await runCli(["progress", "--ref", "main"], dir)).stderr).toContain("main has no ops/queue.jsonl");
    const bad = await runCli(["progress", "--now", "yesterday"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--now must be an ISO time");
  });
});
