import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { runCli, tempDir, writeFiles } from "./cli-harness.js";

const history = (to: string) => [
  { from: null, to, actor: "autopilot", reason: "created", delivery: null, at: "2026-11-01T10:00:00.000Z" },
];
const entry = (n: number, status: string, title: string) => ({
  id: `T-${n}`,
  issue: n,
  title,
  status,
  branch: `autopilot/T-${n}-x`,
  pr: n + 100,
  scope: ["src/**"],
  forbidden: [],
  risk: "low",
  mode: "full",
  refs: [],
  history: history(status),
});

describe("autopilot queue", () => {
  const queue =
    [JSON.stringify(entry(2, "in_progress", "Two")), JSON.stringify(entry(10, "done", "Ten"))].join("\n") + "\n";

  it("lists the tasks in id order", async () => {
    const dir = tempDir();
    writeFiles(dir, { "ops/queue.jsonl": queue });
    const run = await runCli(["queue", "list"], dir);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^TASK\s+STATUS/);
    expect(lines[1]).toMatch(/^T-2\s+in_progress\s+low\s+#102\s+#2\s+Two$/);
    expect(lines[2]).toMatch(/^T-10\s+done/);
  });

  it("shows one task with its history", async () => {
    const dir = tempDir();
    writeFiles(dir, { "q.jsonl": queue });
    const run = await runCli(["queue", "show", "T-10", "--file", "q.jsonl"], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("(new) → done");
    const missing = await runCli(["queue", "show", "T-3", "--file", "q.jsonl"], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no task T-3");
  });

  it("reports a corrupted line with its number and still lists the rest", async () => {
    const dir = tempDir();
    writeFiles(dir, { "ops/queue.jsonl": queue.replace("\n", "\n{not json\n") });
    const run = await runCli(["queue"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/ops\/queue\.jsonl:2: /);
    expect(run.stdout).toContain("T-10");
  });

  it("reads the queue on the app's state branch with --ref, not the stale copy in the work tree", async () => {
    const dir = tempDir();
    const git = (...args: string[]) =>
      execFileSync("git", args, {
        cwd: dir,
        stdio: "pipe",
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: "t",
          GIT_AUTHOR_EMAIL: "t@example.com",
          GIT_COMMITTER_NAME: "t",
          GIT_COMMITTER_EMAIL: "t@example.com",
        },
      });
    git("init", "-q", "-b", "main");
    writeFiles(dir, { "ops/queue.jsonl": `${JSON.stringify(entry(1, "queued", "Old copy"))}\n` });
    git("add", "-A");
    git("commit", "-q", "-m", "old queue on main");
    git("checkout", "-q", "--orphan", "autopilot/state");
    writeFiles(dir, { "ops/queue.jsonl": queue });
    git("add", "-A");
    git("commit", "-q", "-m", "state");
    git("checkout", "-q", "main");
    const run = await runCli(["queue", "list", "--ref", "autopilot/state"], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^T-10\s+done/m);
    expect(run.stdout).not.toContain("Old copy");
    const absent = await runCli(["queue", "list", "--ref", "origin/autopilot/state"], dir);
    expect(absent.code).toBe(2);
    expect(absent.stderr).toMatch(/origin\/autopilot\/state has no ops\/queue\.jsonl \(is it fetched\?/);
  });

  it("exits 2 when the file is missing or the subcommand unknown", async () => {
    expect((await runCli(["queue", "list", "--file", "nope.jsonl"], tempDir())).code).toBe(2);
    expect((await runCli(["queue", "frobnicate"], tempDir())).code).toBe(2);
  });
});

describe("autopilot config validate", () => {
  it("accepts a valid file and an absent one", async () => {
    const dir = tempDir();
    writeFiles(dir, { "ok.yml": "merge:\n  method: squash\n" });
    expect((await runCli(["config", "validate", "ok.yml"], dir)).code).toBe(0);
    const none = await runCli(["config", "validate"], dir);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain("defaults apply");
  });

  it("lists every issue with its path and line", async () => {
    const dir = tempDir();
    writeFiles(dir, { "bad.yml": "merge:\n  method: yolo\ndispatch:\n  target: mention\n  handle: copilot\n" });
    const run = await runCli(["config", "validate", "bad.yml"], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("merge.method");
    expect(run.stdout).toContain("line 2");
    expect(run.stdout).toContain("dispatch.handle");
  });

  it("exits 2 for a missing explicit file", async () => {
    const run = await runCli(["config", "validate", "nope.yml"], tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("nope.yml");
  });
});

describe("autopilot", () => {
  it("answers an unknown command with the usage and exit 2", async () => {
    const run = await runCli(["deploy"], tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "deploy"');
    expect(run.stderr).toContain("autopilot scan");
    // the usage loads every command, the sandbox's included, which takes seconds on a busy machine
  }, 30_000);
});
