/**
 * Whole-process throughput of `autopilot scan` against secretlint, on the same files in the same
 * run: ~100 MB of real third-party source from node_modules (`bench/real-code-corpus.ts`) and the
 * generated corpus (`bench/corpus.ts`), each written to a temporary directory first.
 *
 * Ours is what users run: `node bin/autopilot.js scan --all --format json DIR`, the compiled
 * CLI in dist/ (rebuilt first when src/ is newer). secretlint is its core (`lintSource`, the
 * recommended preset) in a small runner process (`bench/support/secretlint-runner.mjs`), since
 * its CLI is quadratic in the number of files. Each side is timed from spawn to exit, start-up,
 * walking, reading and scanning included; the two sides alternate and each figure is the median
 * of its runs, so a burst of load on a shared machine hits both alike.
 * Run directly with `npx tsx bench/secrets-process-throughput.ts`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateCorpus } from "./corpus.js";
import { copyRealCode, repoRoot, selectRealCode } from "./real-code-corpus.js";
import { ensureBuilt } from "./support/ensure-built.js";

const MB = 1_000_000;
const RUNS = 5;

interface Run {
  seconds: number;
  files: number;
  findings: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function timed(command: string, args: string[], cwd: string): { seconds: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`${command} ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  return { seconds, stdout: result.stdout };
}

function runOurs(dir: string): Run {
  const { seconds, stdout } = timed(
    process.execPath,
    [path.join(repoRoot, "bin/autopilot.js"), "scan", "--all", "--format", "json", dir],
    dir,
  );
  const report = JSON.parse(stdout) as { findings: unknown[]; scanned: { files: number } };
  return { seconds, files: report.scanned.files, findings: report.findings.length };
}

function runSecretlint(dir: string): Run {
  const runner = path.join(repoRoot, "bench/support/secretlint-runner.mjs");
  const core = import.meta.resolve("@secretlint/core");
  const preset = import.meta.resolve("@secretlint/secretlint-rule-preset-recommend");
  const { seconds, stdout } = timed(process.execPath, [runner, core, preset, dir], dir);
  const report = JSON.parse(stdout) as { files: number; findings: number };
  return { seconds, ...report };
}

/** Both sides over `dir`, alternating, `RUNS` times each after one untimed run each. */
function compare(dir: string, bytes: number, files: number) {
  runOurs(dir);
  runSecretlint(dir);
  const ours: Run[] = [];
  const theirs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(runOurs(dir));
    theirs.push(runSecretlint(dir));
  }
  const oursSeconds = median(ours.map((run) => run.seconds));
  const theirSeconds = median(theirs.map((run) => run.seconds));
  return {
    files,
    mb: round(bytes / MB),
    ours: {
      mb_per_s: round(bytes / MB / oursSeconds),
      seconds: round(oursSeconds, 2),
      files: ours[0]!.files,
      findings: ours[0]!.findings,
    },
    secretlint: {
      mb_per_s: round(bytes / MB / theirSeconds),
      seconds: round(theirSeconds, 2),
      files: theirs[0]!.files,
      findings: theirs[0]!.findings,
    },
    ratio: round(theirSeconds / oursSeconds, 2),
    ratio_best_run: round(
      Math.min(...theirs.map((run) => run.seconds)) / Math.min(...ours.map((run) => run.seconds)),
      2,
    ),
  };
}

export async function runSecretsProcessThroughputBench(): Promise<object> {
  const build = ensureBuilt();
  const work = mkdtempSync(path.join(tmpdir(), "autopilot-scan-bench-"));
  try {
    const real = selectRealCode();
    const realDir = path.join(work, "real-code");
    copyRealCode(real, realDir);
    const generated = generateCorpus();
    const generatedDir = path.join(work, "generated");
    let generatedBytes = 0;
    for (const file of generated.files) {
      const target = path.join(generatedDir, file.path);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, file.text);
      generatedBytes += Buffer.byteLength(file.text);
    }
    return {
      real_code: {
        ...compare(realDir, real.bytes, real.files.length),
        source: "node_modules .js/.mjs/.cjs/.ts, sorted paths, each content once",
      },
      generated: compare(generatedDir, generatedBytes, generated.files.length),
      ours_command: "node bin/autopilot.js scan --all --format json DIR (compiled CLI, dist/)",
      secretlint_command:
        "node bench/support/secretlint-runner.mjs (@secretlint/core lintSource + preset-recommend, file by file)",
      build,
      cores: availableParallelism(),
      // `autopilot scan` starts one thread per idle core: cores minus this, at least one
      load_average_1m: Math.round((loadavg()[0] ?? 0) * 10) / 10,
      runs: RUNS,
      target: "ratio >= 10 on real code",
      method: "wall time from spawn to exit of each process, medians of alternating runs after one untimed run each",
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(await runSecretsProcessThroughputBench(), null, 2)}\n`);
}
