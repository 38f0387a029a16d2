import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { killedAfterTest, testRunEnvironment } from "../helpers/child-processes.js";
import { projectRoot, startServerProcess } from "./server-process.js";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (killed with the test if it outlives it) and collects its output. */
function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = killedAfterTest(
      spawn(command, args, {
        cwd,
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...testRunEnvironment(), ...env },
        stdio: ["ignore", "pipe", "pipe"],
      }),
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => void (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const npm = (args: string[], cwd: string) => run("npm", [...args, "--no-audit", "--no-fund"], cwd);

const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Record<string, Record<string, string>>;

/**
 * The sandbox's own dependencies that the product does not share: a production install must not
 * hold any of them (`yaml`, which both use, stays).
 */
function sandboxOnlyPackages(): string[] {
  const product = readJson(join(projectRoot, "package.json")).dependencies ?? {};
  const sandbox = readJson(join(projectRoot, "packages/github-sandbox/package.json"));
  return ["@autopilot/github-sandbox", ...Object.keys(sandbox.dependencies ?? {}).filter((name) => !(name in product))];
}

/**
 * What the Dockerfile's runtime stage ships (package.json, package-lock.json, dist, bin, app.yml),
 * installed as it installs it (`npm ci --omit=dev --ignore-scripts`): the product runs, the
 * sandbox and its dependencies are absent. dist is compiled from the current source without type
 * checking (`tsc --noCheck`, which `npm run typecheck` covers), so the test needs no earlier
 * build. npm installs from its cache (`--offline`: `npm ci` filled it), or the registry if the
 * cache lacks a package.
 */
describe("a production install (npm ci --omit=dev)", () => {
  let dir = "";
  let install: Run;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "autopilot-production-"));
    for (const entry of ["package.json", "package-lock.json", "bin", "app.yml"]) {
      cpSync(join(projectRoot, entry), join(dir, entry), { recursive: true });
    }
    const tsc = join(projectRoot, "node_modules/typescript/bin/tsc");
    const build = await run(
      process.execPath,
      [tsc, "-p", "tsconfig.build.json", "--noCheck", "--outDir", join(dir, "dist")],
      projectRoot,
    );
    expect(build.stdout + build.stderr, "tsc --noCheck").toBe("");
    install = await npm(["ci", "--omit=dev", "--ignore-scripts", "--offline"], dir);
    if (install.code !== 0 && /ENOTCACHED/.test(install.stderr)) {
      install = await npm(["ci", "--omit=dev", "--ignore-scripts", "--prefer-offline"], dir);
    }
  }, 240_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("installs without the sandbox package or any of its dependencies", async () => {
    expect(install.code, install.stderr).toBe(0);
    const listed = await npm(["ls", "--omit=dev", "--all", "--parseable"], dir);
    expect(listed.code, listed.stderr).toBe(0);
    const installed = listed.stdout.split("\n").map((path) => path.replace(/^.*node_modules\//, ""));
    expect(installed).toContain("probot");
    const sandboxOnly = sandboxOnlyPackages();
    expect(sandboxOnly).toEqual(
      expect.arrayContaining(["@autopilot/github-sandbox", "graphql", "ajv", "@octokit/openapi"]),
    );
    for (const name of sandboxOnly) {
      expect(installed, `npm ls --omit=dev lists ${name}`).not.toContain(name);
      expect(existsSync(join(dir, "node_modules", name)), `node_modules/${name}`).toBe(false);
    }
  });

  it("starts the app: node dist/main.js without credentials serves Probot's setup flow", async () => {
    const server = await startServerProcess({
      command: [process.execPath, "dist/main.js"],
      cwd: dir,
      env: { NODE_ENV: "development", NO_SMEE_SETUP: "true", LOG_LEVEL: "info" },
    });
    try {
      const home = await fetch(`${server.url}/`, { redirect: "manual" });
      expect(home.status).toBe(302);
      expect(home.headers.get("location")).toBe("/probot");
      const setup = await fetch(`${server.url}/probot`);
      expect(setup.status).toBe(200);
      expect(await setup.text()).toMatch(/Register GitHub App/);
    } finally {
      server.child.kill("SIGTERM");
      await server.exit;
    }
  });

  it("runs the CLI, and `autopilot sandbox` says it is a development tool instead of crashing", async () => {
    const help = await run(process.execPath, ["bin/autopilot.js", "--help"], dir);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/autopilot sandbox/);
    const sandbox = await run(process.execPath, ["bin/autopilot.js", "sandbox"], dir);
    expect(sandbox.stderr).toMatch(/autopilot sandbox is a development tool; install with devDependencies \(npm ci\)/);
    expect(sandbox.stderr).not.toMatch(/Cannot find|at .*\.js:\d+/);
    expect(sandbox.code).toBe(2);
  });
});
