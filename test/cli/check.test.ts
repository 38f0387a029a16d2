import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderTaskFile } from "../../src/core/task/index.js";
import { fakeGithubToken } from "../helpers/fake-credentials.js";
import { commit, gitIn, gitRepo, runCli, writeFiles } from "./cli-harness.js";

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

  it("judges a task's change by the base's configuration: setting branch_prefix does not skip scope", async () => {
    const root = taskRepo();
    commit(
      root,
      { ".github/autopilot.yml": 'branch_prefix: "nope/"\n', "src/app.ts": "export const app = 2;\n" },
      `fix: touch app${trailers}`,
    );
    const run = await runCli(["check", "--base", "main"], root);
    expect(run.stdout).toMatch(/✗ autopilot\/scope\s+failure/);
    expect(run.stdout).toContain("src/app.ts:1");
    // the configuration is a control file: a task may not change it
    expect(run.stdout).toContain(".github/autopilot.yml:1");
    expect(run.stdout).toMatch(/^note: this change modifies \.github\/autopilot\.yml: the gates read it at main/m);
    expect(run.code).toBe(1);
    // uncommitted, it is not even looked at
    commit(root, { ".github/autopilot.yml": "" }, `chore: restore${trailers}`);
    writeFiles(root, { ".github/autopilot.yml": 'branch_prefix: "nope/"\n' });
    const json = JSON.parse((await runCli(["check", "--base", "main", "--format", "json"], root)).stdout);
    expect(json).toMatchObject({ task: "T-7", config: { from: "base", notes: [] } });
    expect(json.checks[0].conclusion).toBe("failure");
  });

  it("fails the secret gate when the change allowlists its own credential", async () => {
    const widened = "secrets:\n  allowlist:\n    paths: ['**']\n";
    const change = { "src/client.ts": `export const t = "${fakeGithubToken()}";\n`, ".github/autopilot.yml": widened };
    // the base has a configuration: it is the one read, committed change or working tree alike
    const root = gitRepo({ ".github/autopilot.yml": "secrets:\n  allowlist:\n    paths: ['fixtures/**']\n" });
    gitIn(root, "checkout", "-q", "-b", "feature");
    commit(root, { "src/client.ts": change["src/client.ts"] }, "add a client");
    writeFiles(root, { ".github/autopilot.yml": widened });
    const uncommitted = await runCli(["check", "--base", "main"], root);
    expect(uncommitted.stdout).toMatch(/failed: autopilot\/secrets/);
    expect(uncommitted.code).toBe(1);
    commit(root, change, "widen the allowlist");
    const committed = await runCli(["check", "--base", "main"], root);
    expect(committed.stdout).toMatch(/^note: this change modifies \.github\/autopilot\.yml/m);
    expect(committed.code).toBe(1);
    // the base has none and the change adds one: the defaults, as the app would use
    const bare = gitRepo({ "a.ts": "export {};\n" });
    gitIn(bare, "checkout", "-q", "-b", "feature");
    commit(bare, change, "add a client and a configuration");
    const added = await runCli(["check", "--base", "main", "--format", "json"], bare);
    const out = JSON.parse(added.stdout);
    expect(out.config.from).toBe("defaults");
    expect(out.config.notes[0]).toMatch(/^main has no \.github\/autopilot\.yml and this change adds one/);
    expect(out.checks[2].conclusion).toBe("failure");
    expect(added.code).toBe(1);
  });

  it("reads the working tree's configuration only when neither the base nor the change has one, and says so", async () => {
    const root = gitRepo({ "a.ts": "export {};\n" });
    commit(root, { "vendor/key.ts": `export const t = "${fakeGithubToken()}";\n` }, "a fixture");
    writeFiles(root, { ".github/autopilot.yml": "secrets:\n  allowlist:\n    paths: ['vendor/**']\n" });
    const run = await runCli(["check", "--base", "HEAD~1"], root);
    expect(run.stdout).toMatch(
      /^note: HEAD~1 has no \.github\/autopilot\.yml: the gates read the working tree's copy/m,
    );
    expect(run.stdout).toMatch(/✓ autopilot\/secrets\s+success/);
    expect(run.code).toBe(0);
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

  it("reads the blueprint indices at the base: a change cannot add the id its trailers name", async () => {
    const root = taskRepo();
    const widened = JSON.stringify({ items: [...JSON.parse(ntIndex).items, { id: "NT-0002", title: "Mine" }] });
    commit(
      root,
      { "docs/blueprints/nt-index.json": widened, "src/widgets/a.ts": "export {};\n" },
      "feat: a\n\nTask: T-7\nRefs: NT-0002\n",
    );
    const run = await runCli(["check", "--base", "main", "--format", "json"], root);
    const concordance = JSON.parse(run.stdout).checks[1];
    expect(concordance.conclusion).toBe("failure");
    expect(concordance.summary).toContain("NT-0002");
    expect(run.code).toBe(1);
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
