import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The layering CONTRIBUTING.md describes is kept by `npm run lint` (biome.jsonc): these tests lint
 * a small tree laid out like src/ with the repository's own configuration and check that each
 * break is reported under the rule that names it, and that the allowed imports are not.
 */
const root = join(import.meta.dirname, "../..");
const biome = join(root, "node_modules/@biomejs/biome/bin/biome");
const missing = !existsSync(biome);

interface Diagnostic {
  category: string;
  severity: string;
  message: string;
  location: { path: string };
}

const files: Record<string, string> = {
  "src/github/client.ts": "export const client = 1;\n",
  "src/core/queue/reads-github.ts": 'import { client } from "../../github/client.js";\nexport const a = client;\n',
  "src/core/queue/uses-probot.ts": 'import type { Context } from "probot";\nexport type A = Context;\n',
  "src/core/queue/uses-octokit.ts": 'import { Octokit } from "@octokit/rest";\nexport const a = Octokit;\n',
  "src/core/queue/pure.ts": 'import { z } from "zod";\nexport const a = z.string();\n',
  "src/handlers/uses-sandbox.ts": 'import { Sandbox } from "@autopilot/github-sandbox";\nexport const a = Sandbox;\n',
  "src/work/uses-sandbox-part.ts":
    'import type { RepoPermission } from "@autopilot/github-sandbox/state";\nexport type A = RepoPermission;\n',
  "src/handlers/uses-dev.ts": 'import { start } from "../../dev/autopilot-on-sandbox.js";\nexport const a = start;\n',
  "src/handlers/uses-github.ts": 'import { client } from "../github/client.js";\nexport const a = client;\n',
  "src/cli/commands/sandbox.ts":
    'import type { Sandbox } from "@autopilot/github-sandbox";\nexport const load = async (): Promise<typeof Sandbox> => (await import("@autopilot/github-sandbox")).Sandbox;\n',
  // the sandbox package imports nothing of the app, at any folder depth
  "packages/github-sandbox/src/uses-app.ts": 'import app from "../../../src/index.js";\nexport const a = app;\n',
  "packages/github-sandbox/src/state/uses-core.ts":
    'import { parse } from "../../../../src/core/owners/index.js";\nexport const a = parse;\n',
  "packages/github-sandbox/src/rest/repos/uses-github.ts":
    'import { c } from "../../../../../src/github/client.js";\nexport const a = c;\n',
  "packages/github-sandbox/test/e2e/uses-dev.test.ts":
    'import { s } from "../../../../dev/autopilot-on-sandbox.js";\nexport const a = s;\n',
  "packages/github-sandbox/src/uses-app-name.ts": 'import app from "autopilot";\nexport const a = app;\n',
  "packages/github-sandbox/src/state/own.ts":
    'import { git } from "../git/index.js";\nimport { Probot } from "probot";\nexport const a = [git, Probot];\n',
  "packages/github-sandbox/src/git/index.ts": "export const git = 1;\n",
  "packages/github-sandbox/test/git/own-source.test.ts":
    'import { git } from "../../src/git/index.js";\nexport const a = git;\n',
  "src/handlers/dashboard/create.ts": 'import { refresh } from "./refresh.js";\nexport const create = () => refresh;\n',
  "src/handlers/dashboard/refresh.ts": 'import { create } from "./create.js";\nexport const refresh = () => create;\n',
  // a cycle made only of type imports still counts: it is where a value import closes a real one
  "src/work/scope.ts": 'import type { Refresher } from "./refresher.js";\nexport interface Scope { r?: Refresher }\n',
  "src/work/refresher.ts": 'import type { Scope } from "./scope.js";\nexport interface Refresher { s?: Scope }\n',
};

let dir = "";
let diagnostics: Diagnostic[] = [];

const rulesAt = (path: string): string[] => diagnostics.filter((d) => d.location.path === path).map((d) => d.category);

const title = missing
  ? "biome.jsonc's import rules (skipped: node_modules/@biomejs/biome is missing; run npm ci)"
  : "biome.jsonc: the lint's import rules";

describe.skipIf(missing)(title, () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "autopilot-lint-"));
    copyFileSync(join(root, "biome.jsonc"), join(dir, "biome.jsonc"));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    // not a git checkout: the configuration's .gitignore lookup is turned off for this run only
    const run = spawnSync(
      process.execPath,
      [biome, "lint", "--vcs-enabled=false", "--reporter=json", "--max-diagnostics=none", "src", "packages"],
      { cwd: dir, encoding: "utf8", timeout: 20_000 },
    );
    expect(run.error).toBeUndefined();
    const report = JSON.parse(run.stdout) as { diagnostics: Diagnostic[] };
    diagnostics = report.diagnostics.filter((d) => d.category.startsWith("lint/"));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("fails a core module that imports an adapter, Probot or Octokit, saying what the core may not do", () => {
    for (const path of ["reads-github", "uses-probot", "uses-octokit"]) {
      expect(rulesAt(`src/core/queue/${path}.ts`)).toEqual(["lint/style/noRestrictedImports"]);
    }
    const message = diagnostics.find((d) => d.location.path === "src/core/queue/reads-github.ts")?.message;
    expect(message).toContain("src/core is the pure core");
    expect(rulesAt("src/core/queue/pure.ts")).toEqual([]);
  });

  it("fails src/ code that imports the sandbox package or dev/, except the sandbox command", () => {
    for (const path of ["src/handlers/uses-sandbox.ts", "src/work/uses-sandbox-part.ts", "src/handlers/uses-dev.ts"]) {
      expect(rulesAt(path), path).toEqual(["lint/style/noRestrictedImports"]);
    }
    const message = diagnostics.find((d) => d.location.path === "src/handlers/uses-sandbox.ts")?.message;
    expect(message).toContain("the sandbox is a test double");
    expect(rulesAt("src/cli/commands/sandbox.ts")).toEqual([]);
    expect(rulesAt("src/handlers/uses-github.ts")).toEqual([]);
  });

  it("fails a sandbox package file that imports the app, whatever its depth, and lets it import its own", () => {
    const fromApp = [
      "packages/github-sandbox/src/uses-app.ts",
      "packages/github-sandbox/src/state/uses-core.ts",
      "packages/github-sandbox/src/rest/repos/uses-github.ts",
      "packages/github-sandbox/test/e2e/uses-dev.test.ts",
      "packages/github-sandbox/src/uses-app-name.ts",
    ];
    for (const path of fromApp) expect(rulesAt(path), path).toEqual(["lint/style/noRestrictedImports"]);
    const message = diagnostics.find((d) => d.location.path === "packages/github-sandbox/src/uses-app.ts")?.message;
    expect(message).toContain("knows nothing of Autopilot");
    expect(rulesAt("packages/github-sandbox/src/state/own.ts")).toEqual([]);
    expect(rulesAt("packages/github-sandbox/test/git/own-source.test.ts")).toEqual([]);
  });

  it("fails both sides of an import cycle, even one of type imports only", () => {
    expect(rulesAt("src/handlers/dashboard/create.ts")).toEqual(["lint/suspicious/noImportCycles"]);
    expect(rulesAt("src/handlers/dashboard/refresh.ts")).toEqual(["lint/suspicious/noImportCycles"]);
    expect(rulesAt("src/work/scope.ts")).toEqual(["lint/suspicious/noImportCycles"]);
    expect(rulesAt("src/work/refresher.ts")).toEqual(["lint/suspicious/noImportCycles"]);
    for (const d of diagnostics) expect(d.severity, `${d.location.path}: ${d.category}`).toBe("error");
  });
});
