/**
 * What each CLI command loads, read from the sources' import graph (no process started, no
 * timing): a pre-commit hook runs `autopilot scan` on every commit, so it must not load the app,
 * GitHub's clients or the sandbox; `--help` loads no command at all.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeGithubToken } from "../helpers/fake-credentials.js";
import { commit, gitRepo, tempDir, writeFiles } from "./cli-harness.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const main = "src/cli/main.ts";

interface Imports {
  static: string[];
  dynamic: string[];
}

/** The value imports of a source file (`import type` is erased), static and `import("…")`. */
function importsOf(file: string): Imports {
  const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, "");
  const found = (pattern: RegExp) => [...text.matchAll(pattern)].map((match) => match[1]!);
  return {
    static: [
      ...found(/^\s*import\s+(?!type\s)[^;]*?\bfrom\s+"([^"]+)"/gm),
      ...found(/^\s*import\s+"([^"]+)"/gm),
      ...found(/^\s*export\s+(?!type\s)[^;]*?\bfrom\s+"([^"]+)"/gm),
    ],
    dynamic: found(/(?<!typeof\s+)\bimport\(\s*"([^"]+)"\s*\)/g),
  };
}

/** A relative specifier as the source file it names (`./x.js` is `./x.ts`); others as given. */
function resolveSpecifier(from: string, specifier: string): string {
  if (!specifier.startsWith(".")) return specifier.startsWith("node:") ? specifier : packageName(specifier);
  const target = resolve(dirname(from), specifier).replace(/\.js$/, ".ts");
  if (!existsSync(target)) throw new Error(`${relative(root, from)} imports ${specifier}, which does not exist`);
  return target;
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/**
 * Everything `entries` load: their static imports, transitively; with `dynamic`, also what they
 * may import later (every `import("…")` followed, but main's: it picks the one command that runs,
 * which the caller names among `entries`).
 */
function loadedBy(entries: string[], options: { dynamic: boolean }): Set<string> {
  const seen = new Set<string>();
  const queue = entries.map((entry) => resolve(root, entry));
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.startsWith("/")) continue; // a package or a builtin: not followed
    const imports = importsOf(file);
    const dynamic = options.dynamic && file !== resolve(root, main) ? imports.dynamic : [];
    for (const specifier of [...imports.static, ...dynamic]) queue.push(resolveSpecifier(file, specifier));
  }
  return new Set([...seen].map((file) => (file.startsWith("/") ? relative(root, file) : file)));
}

/** What a user would not want a command to load: the app, GitHub's clients, the sandbox, LLM SDKs. */
const heavy = (loaded: Set<string>) =>
  [...loaded].filter((name) =>
    /^(probot|@probot\/|@octokit\/|octokit|@autopilot\/github-sandbox|openai|@anthropic-ai\/|ioredis|pino|prom-client|gpt-tokenizer)|^src\/(github|handlers|app|llm|work|sandbox)\//.test(
      name,
    ),
  );

describe("what the autopilot CLI loads", () => {
  it("--help: the entry point and the usages, no command and no package", () => {
    const loaded = loadedBy([main], { dynamic: false });
    expect([...loaded].filter((name) => name.startsWith("src/cli/commands/"))).toEqual([]);
    expect([...loaded].filter((name) => !name.startsWith("src/") && !name.startsWith("node:"))).toEqual([]);
  });

  it("scan FILE: the scanner only; no configuration schemas, YAML or zod until a configuration file is read", () => {
    const loaded = loadedBy([main, "src/cli/commands/scan.ts"], { dynamic: false });
    expect(heavy(loaded)).toEqual([]);
    expect([...loaded].filter((name) => /^(zod|yaml)$|^src\/config\/|^src\/cli\/git\.ts$/.test(name))).toEqual([]);
    expect([...loaded].filter((name) => /^src\/core\/(gates|scope\/evaluate|queue|task)/.test(name))).toEqual([]);
  });

  it("scan FILE: no worker pool, path compiler, crypto or node:url until many files, paths, findings need them", () => {
    const loaded = loadedBy([main, "src/cli/commands/scan.ts"], { dynamic: false });
    expect(
      [...loaded].filter((name) =>
        /^(node:worker_threads|node:crypto|node:url|minimatch)$|^src\/core\/scope\//.test(name),
      ),
    ).toEqual([]);
    expect(loaded).not.toContain("src/cli/scan-threads.ts");
    expect(loaded).toContain("src/cli/scan-files.ts"); // sees what it guards
  });

  it("scan, whatever it is given (directories, a diff, a configuration, threads): nothing of the app", () => {
    expect(heavy(loadedBy([main, "src/cli/commands/scan.ts", "src/cli/scan-worker.ts"], { dynamic: true }))).toEqual(
      [],
    );
  });

  it("check of a plain change: the secret gate only; no schemas, zod, YAML, task parser or task gates", () => {
    const loaded = loadedBy([main, "src/cli/commands/check.ts"], { dynamic: false });
    expect(heavy(loaded)).toEqual([]);
    expect([...loaded].filter((name) => /^(zod|yaml|minimatch)$/.test(name))).toEqual([]);
    // the allowlist's paths are compiled (scope's compiler, minimatch) only when it lists some
    expect(
      [...loaded].filter((name) => /^src\/core\/(scope\/compile-|secrets\/compile-scan-options\.ts$)/.test(name)),
    ).toEqual([]);
    // nor the cache of validated configurations (node:os, the build's version) without a file
    expect([...loaded].filter((name) => /^node:os$|^src\/cli\/(allowlist|config)-cache\.ts$/.test(name))).toEqual([]);
    // the defaults are generated JSON; the parser and every schema wait for a configuration file
    expect([...loaded].filter((name) => name.startsWith("src/config/"))).toEqual(["src/config/default-config-json.ts"]);
    expect(
      [...loaded].filter(
        (name) =>
          /^src\/core\/(task|queue|plan|progress|commands|markdown|jsonl|model-decisions|review)\//.test(name) ||
          /^src\/core\/(concordance|scope)\/(index|evaluate-|load-|analyze-)/.test(name) ||
          /^src\/core\/gates\/(index|run-gates|task-gates|control-paths|locks-from-queue)\.ts$/.test(name),
      ),
    ).toEqual([]);
    expect(loaded).toContain("src/core/gates/run-gates-with.ts"); // sees what it guards
    expect(loaded).toContain("src/core/secrets/scan-diff-compiled.ts");
  });

  it("check on a task's branch, with a configuration: the task's parser and gates, the schemas", () => {
    const loaded = loadedBy([main, "src/cli/commands/check.ts"], { dynamic: true });
    expect(loaded).toContain("src/core/gates/task-gates.ts");
    expect(loaded).toContain("src/core/task/parse-task-file.ts");
    expect(loaded).toContain("src/config/parse-config.ts");
    expect(loaded).toContain("zod");
    expect(loaded).toContain("minimatch");
  });

  it("check and config: nothing of the app, GitHub's clients or the sandbox either", () => {
    expect(heavy(loadedBy([main, "src/cli/commands/check.ts"], { dynamic: true }))).toEqual([]);
    expect(heavy(loadedBy([main, "src/cli/commands/config.ts"], { dynamic: true }))).toEqual([]);
  });

  it("sees what it guards: the sandbox command does load the sandbox", () => {
    expect(heavy(loadedBy([main, "src/cli/commands/sandbox.ts"], { dynamic: true }))).toContain(
      "@autopilot/github-sandbox",
    );
  });
});

/** Modules replaced by recorders: what a run of the CLI, in this process, actually imported. */
const recorded = new Set<string>();
function record(...specifiers: string[]): void {
  for (const specifier of specifiers)
    vi.doMock(specifier, () => {
      recorded.add(specifier);
      return {};
    });
}

const commandModules = ["scan", "check", "queue", "config", "doctor", "sandbox"].map(
  (name) => `../../src/cli/commands/${name}.js`,
);
/** What `check` needs for a task's branch or a configuration file, and not otherwise. */
const checkModules = [
  "../../src/config/index.js",
  "../../src/config/parse-config.js",
  "../../src/config/config-schema.js",
  "../../src/core/task/index.js",
  "../../src/core/task/parse-task-file.js",
  "../../src/core/gates/task-gates.js",
  "../../src/core/gates/index.js",
  "../../src/core/queue/index.js",
  "../../src/core/concordance/index.js",
  "../../src/core/scope/index.js",
];
const packages = ["probot", "@autopilot/github-sandbox", "@octokit/rest", "openai", "zod", "yaml", "minimatch"];

/** Runs the CLI as imported after the recorders were set (cli-harness's `main` was imported before). */
async function runFresh(args: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  const { main: run } = await import("../../src/cli/main.js");
  let stdout = "";
  const code = await run(args, {
    cwd,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stdout += text),
    stdin: async () => "",
    untilStopped: async () => {},
  });
  return { code, stdout };
}

describe("what a run of the autopilot CLI imports", () => {
  beforeEach(() => {
    vi.resetModules();
    recorded.clear();
  });
  afterEach(() => {
    for (const specifier of [
      ...commandModules,
      ...packages,
      "../../src/cli/git.js",
      "../../src/config/index.js",
      "../../src/cli/scan-threads.js",
      ...checkModules,
    ])
      vi.doUnmock(specifier);
  });

  it("--help prints every command's usage without importing any command", async () => {
    record(...commandModules);
    const run = await runFresh(["--help"], tempDir());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/autopilot scan .*autopilot sandbox/s);
    expect([...recorded]).toEqual([]);
  });

  it("scan FILE without a configuration imports no git, configuration, zod, YAML, minimatch or app", async () => {
    record(...commandModules.filter((m) => !m.endsWith("/scan.js")), ...packages);
    record("../../src/cli/git.js", "../../src/config/index.js", "../../src/cli/scan-threads.js");
    const dir = tempDir();
    writeFiles(dir, { "a.ts": "export const a = 1;\n" });
    const run = await runFresh(["scan", "a.ts"], dir);
    expect(run.stdout).toMatch(/no secrets found in 1 file/);
    expect([...recorded]).toEqual([]);
  });

  it("check of a plain change without a configuration imports no schema, zod, YAML, task parser or task gate", async () => {
    record(...commandModules.filter((m) => !m.endsWith("/check.js")), ...packages, ...checkModules);
    const root = gitRepo({ "a.ts": "export {};\n" });
    commit(root, { "b.ts": `export const b = "${fakeGithubToken()}";\n` }, "plain change");
    const run = await runFresh(["check", "--base", "HEAD~1"], root);
    // the whole secret gate ran: it found the token
    expect(run.stdout).toMatch(/skipped: not a task branch[\s\S]*✗ autopilot\/secrets\s+failure[\s\S]*b\.ts:1/);
    expect(run.code).toBe(1);
    expect([...recorded]).toEqual([]);
  });

  it("check with a configuration file reads it, and compiles the allowlisted paths it lists", async () => {
    record("../../src/core/gates/task-gates.js", "../../src/core/task/parse-task-file.js");
    const config = 'secrets:\n  allowlist:\n    paths: ["vendor/**"]\n';
    const root = gitRepo({ ".github/autopilot.yml": config, "a.ts": "export {};\n" });
    commit(root, { "vendor/key.ts": `export const t = "${fakeGithubToken()}";\n` }, "a fixture");
    const run = await runFresh(["check", "--base", "HEAD~1"], root);
    expect(run.stdout).toMatch(/✓ autopilot\/secrets\s+success/);
    expect(run.code).toBe(0);
    expect([...recorded]).toEqual([]);
    const listed = gitRepo({ "a.ts": "export {};\n" });
    commit(listed, { "vendor/key.ts": `export const t = "${fakeGithubToken()}";\n` }, "a fixture");
    expect((await runFresh(["check", "--base", "HEAD~1"], listed)).stdout).toMatch(/✗ autopilot\/secrets\s+failure/);
    const invalid = gitRepo({ ".github/autopilot.yml": "paused: maybe\n" });
    const refused = await runFresh(["check", "--base", "main"], invalid);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toMatch(/invalid configuration in \.github\/autopilot\.yml:\n.*paused/);
  });
});
