import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderTaskFile } from "../../src/core/task/index.js";
import { fakeGithubToken } from "../helpers/fake-credentials.js";
import { commit, gitIn, gitRepo, runCli } from "./cli-harness.js";

const ntIndex = JSON.stringify({ items: [{ id: "NT-0001", title: "Widgets are listed" }] });
const tdIndex = JSON.stringify({ items: [{ id: "TD-0042", title: "Widget pagination" }] });

function taskRepo(configYaml = "") {
  const root = gitRepo({
    ".github/autopilot.yml": configYaml,
    "docs/blueprints/nt-index.json": ntIndex,
    "docs/blueprints/td-index.json": tdIndex,
    "src/app.ts": "export const app = 1;\n",
  });
  gitIn(root, "checkout", "-q", "-b", "autopilot/T-7-list-widgets");
  const taskFile = renderTaskFile(
    {
      id: "T-7",
      issue: 7,
      title: "List widgets",
      branch: "autopilot/T-7-list-widgets",
      scope: ["src/widgets/**", "test/widgets/**"],
      forbidden: [],
      risk: "medium",
      mode: "full",
      refs: ["NT-0001"],
      acceptance: ["GET /widgets returns the list"],
      tests: [],
    },
    "Add a widget list.",
  );
  commit(root, { "ops/tasks/T-7.md": taskFile }, "autopilot: task file for T-7\n\nTask: T-7\n");
  return root;
}

const trailers = "\n\nTask: T-7\nRefs: NT-0001\n";

describe("autopilot check", () => {
  it("passes all three gates for an in-scope change with trailers", async () => {
    const root = taskRepo();
    commit(root, { "src/widgets/list.ts": "export const list = [];\n" }, `feat: list widgets${trailers}`);
    const run = await runCli(["check", "--base", "main", "--format", "json"], root);
    expect(run.stderr).toBe("");
    const out = JSON.parse(run.stdout);
    expect(out.task).toBe("T-7");
    expect(out.checks.map((c: { name: string; conclusion: string }) => [c.name, c.conclusion])).toEqual([
      ["autopilot/scope", "success"],
      ["autopilot/concordance", "success"],
      ["autopilot/secrets", "success"],
    ]);
    expect(run.code).toBe(0);
  });

  it("fails the scope gate for a file outside the task's scope and names it", async () => {
    const root = taskRepo();
    commit(root, { "src/app.ts": "export const app = 2;\n" }, `fix: touch app${trailers}`);
    const run = await runCli(["check", "--base", "main"], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ autopilot\/scope\s+failure/);
    expect(run.stdout).toContain("src/app.ts:1");
    expect(run.stdout).toMatch(/failed: autopilot\/scope/);
  });

  it("fails the concordance gate on an id that is not in the blueprints", async () => {
    const root = taskRepo();
    commit(root, { "src/widgets/a.ts": "export {};\n" }, "feat: a\n\nTask: T-7\nRefs: NT-9999\n");
    const run = await runCli(["check", "--base", "main", "--format", "json"], root);
    expect(run.code).toBe(1);
    const concordance = JSON.parse(run.stdout).checks[1];
    expect(concordance.conclusion).toBe("failure");
    expect(concordance.summary).toContain("NT-9999");
  });

  it("fails the secret gate on an added credential without printing it", async () => {
    const token = fakeGithubToken();
    const root = taskRepo();
    commit(root, { "src/widgets/client.ts": `export const t = "${token}";\n` }, `feat: client${trailers}`);
    const run = await runCli(["check", "--base", "main", "--format", "json"], root);
    expect(run.code).toBe(1);
    const secrets = JSON.parse(run.stdout).checks[2];
    expect(secrets.conclusion).toBe("failure");
    expect(secrets.annotations[0]).toMatchObject({ path: "src/widgets/client.ts", start_line: 1 });
    expect(run.stdout).not.toContain(token);
  });

  it("judges a task's branch in a repository without a configuration file by the defaults", async () => {
    const root = taskRepo();
    commit(root, { "src/widgets/list.ts": "export const list = [];\n" }, `feat: list widgets${trailers}`);
    const withEmptyFile = await runCli(["check", "--base", "main", "--format", "json"], root);
    rmSync(join(root, ".github/autopilot.yml"));
    const withoutFile = await runCli(["check", "--base", "main", "--format", "json"], root);
    expect(withoutFile.stderr).toBe("");
    expect(withoutFile.stdout).toBe(withEmptyFile.stdout);
    expect(JSON.parse(withoutFile.stdout).checks.map((c: { conclusion: string }) => c.conclusion)).toEqual([
      "success",
      "success",
      "success",
    ]);
    expect(withoutFile.code).toBe(0);
  });

  it("runs only the secret gate off a task branch", async () => {
    const root = gitRepo({ "a.ts": "export {};\n" });
    commit(root, { "b.ts": "export {};\n" }, "plain change");
    const run = await runCli(["check", "--base", "HEAD~1", "--format", "json"], root);
    expect(run.code).toBe(0);
    const checks = JSON.parse(run.stdout).checks;
    expect(checks.map((c: { conclusion: string }) => c.conclusion)).toEqual(["neutral", "neutral", "success"]);
  });

  it("exits 2 with a precise message on bad input", async () => {
    const root = taskRepo();
    const noBase = await runCli(["check"], root);
    expect(noBase.code).toBe(2);
    expect(noBase.stderr).toContain("--base");
    const badBase = await runCli(["check", "--base", "nope"], root);
    expect(badBase.code).toBe(2);
    expect(badBase.stderr).toContain("nope");
    const badConfig = taskRepo("merge:\n  method: yolo\n");
    const run = await runCli(["check", "--base", "main"], badConfig);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("merge.method");
    const missingTask = await runCli(["check", "--base", "main", "--task", "T-99"], root);
    expect(missingTask.code).toBe(2);
    expect(missingTask.stderr).toContain("ops/tasks/T-99.md");
  });
});
