/**
 * How fast the `autopilot` CLI answers, against `node -e ""` on the same machine in the same run:
 * `autopilot --help`, `autopilot scan FILE` (one small file, in this repository, whose
 * `.github/autopilot.yml` the scan reads for its allowlist: what a pre-commit hook does) and
 * `autopilot check --base main` (a small change in a temporary git repository: configuration,
 * gates and the few git processes the check starts), and the same in a repository with a
 * `.github/autopilot.yml` (read back from the user's cache after the untimed first run, as a
 * pre-push hook finds it). Each is the compiled CLI as installed,
 * `node bin/autopilot.js` (dist/ rebuilt first when src/ is newer); the commands alternate, one
 * untimed run each first, and each figure is the median of its runs, so a burst of load on a
 * shared machine hits all alike. Target: `scan` within 2× of `node -e ""`. `modules_loaded` counts
 * the modules (files and builtins) a command loads beyond what `node -e ""` does, from one more
 * run of each with a module hook.
 * Run directly with `npx tsx bench/cli-start.ts`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { repoRoot } from "./real-code-corpus.js";
import { ensureBuilt } from "./support/ensure-built.js";

const RUNS = 15;

interface Case {
  name: string;
  args: string[];
  cwd: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const ms = (seconds: number) => Math.round(seconds * 10_000) / 10;

function timed({ args, cwd }: Case): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, encoding: "utf8" });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  return seconds;
}

/**
 * How many modules (builtins included) a command loads, counted by a module hook that appends
 * each loaded URL to a file: one extra run of each command, not timed.
 */
function modulesLoaded({ args, cwd }: Case, work: string): number {
  const log = path.join(work, "loaded.txt");
  const hooks = path.join(work, "count-hooks.mjs");
  const register = path.join(work, "count-register.mjs");
  writeFileSync(
    hooks,
    `import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  appendFileSync(${JSON.stringify(log)}, url + "\\n");
  return next(url, context);
}
`,
  );
  writeFileSync(
    register,
    `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  writeFileSync(log, "");
  spawnSync(process.execPath, ["--import", pathToFileURL(register).href, ...args], { cwd });
  return readFileSync(log, "utf8").split("\n").filter(Boolean).length;
}

function git(cwd: string, ...args: string[]): void {
  execFileSync("git", ["-c", "user.name=Bench", "-c", "user.email=bench@example.com", ...args], {
    cwd,
    stdio: "ignore",
  });
}

/** A repository on `main` with one file (and a configuration), and a branch that changes it and adds another. */
function smallChange(dir: string, config?: string): void {
  git(dir, "init", "-q", "-b", "main");
  writeFileSync(path.join(dir, "README.md"), "# widgets\n");
  if (config !== undefined) {
    mkdirSync(path.join(dir, ".github"));
    writeFileSync(path.join(dir, ".github/autopilot.yml"), config);
  }
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "first");
  git(dir, "checkout", "-q", "-b", "feature");
  writeFileSync(path.join(dir, "README.md"), "# widgets\n\nA list of widgets.\n");
  writeFileSync(path.join(dir, "widgets.ts"), "export const widgets = ['a', 'b'];\n");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "widgets");
}

export async function runCliStartBench(): Promise<object> {
  const build = ensureBuilt();
  const cli = path.join(repoRoot, "bin/autopilot.js");
  const work = mkdtempSync(path.join(tmpdir(), "autopilot-cli-bench-"));
  try {
    smallChange(work);
    const configured = path.join(work, "configured");
    mkdirSync(configured);
    smallChange(configured, "secrets:\n  allowlist:\n    regexes: ['^EXAMPLE_']\nreview:\n  enabled: false\n");
    const cases: Case[] = [
      { name: "node_e", args: ["-e", ""], cwd: repoRoot },
      { name: "help", args: [cli, "--help"], cwd: repoRoot },
      { name: "scan_one_file", args: [cli, "scan", "package.json"], cwd: repoRoot },
      { name: "check", args: [cli, "check", "--base", "main"], cwd: work },
      { name: "check_with_config", args: [cli, "check", "--base", "main"], cwd: configured },
    ];
    const runs = new Map(cases.map((c) => [c.name, [] as number[]]));
    for (const c of cases) timed(c);
    for (let i = 0; i < RUNS; i++) for (const c of cases) runs.get(c.name)!.push(timed(c));
    const medians = Object.fromEntries(cases.map((c) => [c.name, median(runs.get(c.name)!)]));
    const node = medians.node_e!;
    const baseModules = modulesLoaded(cases[0]!, work);
    const figure = (name: string) => ({
      ms: ms(medians[name]!),
      ratio_to_node_e: Math.round((medians[name]! / node) * 100) / 100,
      modules_loaded: modulesLoaded(cases.find((c) => c.name === name)!, work) - baseModules,
    });
    return {
      node_e_ms: ms(node),
      help: figure("help"),
      scan_one_file: figure("scan_one_file"),
      check: figure("check"),
      check_with_config: figure("check_with_config"),
      target: "scan_one_file ratio_to_node_e <= 2",
      commands: {
        help: "node bin/autopilot.js --help",
        scan_one_file: "node bin/autopilot.js scan package.json (in this repository, with its configuration)",
        check: "node bin/autopilot.js check --base main (temporary repository, one small commit)",
        check_with_config:
          "the same with a .github/autopilot.yml, validated by the untimed first run and read back from the cache",
      },
      build,
      cores: availableParallelism(),
      runs: RUNS,
      method: "wall time from spawn to exit, medians of alternating runs after one untimed run each",
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(await runCliStartBench(), null, 2)}\n`);
}
