/**
 * Throughput of the secret scanner against secretlint (`@secretlint/core` `lintSource` with the
 * recommended preset, in process, one config, one call per file), in the same run on the same
 * deterministic corpus (`bench/corpus.ts`). Both get the same warm-up; each side's figure is the
 * median of its timed passes. Run directly with `npx tsx bench/secrets-throughput.ts`.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { lintSource } from "@secretlint/core";
import { creator as recommendedPreset } from "@secretlint/secretlint-rule-preset-recommend";
import { scanText } from "../src/core/secrets/index.js";
import { generateCorpus, type CorpusFile } from "./corpus.js";

const MB = 1_000_000;
/** secretlint's share of the run: beyond this, it is timed on a fixed sample and extrapolated */
const SECRETLINT_BUDGET_S = 150;
const PASSES = 3;

const secretlintConfig: Parameters<typeof lintSource>[0]["options"]["config"] = {
  rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommendedPreset }],
};

function byteSize(files: readonly CorpusFile[]): number {
  return files.reduce((total, file) => total + Buffer.byteLength(file.text, "utf8"), 0);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function scanWithOurs(files: readonly CorpusFile[]): { seconds: number; findings: number; plantedFound: number } {
  const started = performance.now();
  let findings = 0;
  let plantedFound = 0;
  for (const file of files) {
    const result = scanText(file.text, file.path);
    findings += result.length;
    const lines = new Set(result.map((finding) => finding.line));
    plantedFound += file.planted.filter((line) => lines.has(line)).length;
  }
  return { seconds: (performance.now() - started) / 1000, findings, plantedFound };
}

async function scanWithSecretlint(files: readonly CorpusFile[]): Promise<{ seconds: number; findings: number }> {
  const started = performance.now();
  let findings = 0;
  for (const file of files) {
    const result = await lintSource({
      source: { filePath: file.path, content: file.text, contentType: "text" },
      options: { config: secretlintConfig },
    });
    findings += result.messages.length;
  }
  return { seconds: (performance.now() - started) / 1000, findings };
}

/** Every n-th file: a fixed, deterministic sample spread over all file kinds. */
function sampleEvery(files: readonly CorpusFile[], step: number): CorpusFile[] {
  return files.filter((_, index) => index % step === 0);
}

export async function runSecretsThroughputBench(): Promise<object> {
  const corpus = generateCorpus();
  const files = corpus.files;
  const bytes = byteSize(files);
  const sizes = files.map((file) => file.text.length).sort((a, b) => a - b);

  // same warm-up for both sides: a fixed 2% sample, so neither is timed while its code is cold
  const warmUp = sampleEvery(files, 50);
  scanWithOurs(warmUp);
  const probe = await scanWithSecretlint(warmUp);

  const ours = Array.from({ length: PASSES }, () => scanWithOurs(files));
  const oursSeconds = median(ours.map((pass) => pass.seconds));

  const probeRate = byteSize(warmUp) / probe.seconds;
  const sampled = (bytes / probeRate) * PASSES > SECRETLINT_BUDGET_S;
  const secretlintFiles = sampled ? sampleEvery(files, Math.ceil((bytes / probeRate / SECRETLINT_BUDGET_S) * PASSES)) : files;
  const secretlintBytes = byteSize(secretlintFiles);
  const secretlintPasses: { seconds: number; findings: number }[] = [];
  for (let pass = 0; pass < PASSES; pass++) secretlintPasses.push(await scanWithSecretlint(secretlintFiles));
  const secretlintSeconds = median(secretlintPasses.map((pass) => pass.seconds));

  const oursRate = bytes / MB / oursSeconds;
  const secretlintRate = secretlintBytes / MB / secretlintSeconds;
  return {
    corpus: {
      files: files.length,
      mb: round(bytes / MB),
      mean_file_kb: round(bytes / files.length / 1000),
      median_file_kb: round(sizes[Math.floor(sizes.length / 2)]! / 1000),
      planted_secrets: corpus.planted,
      note: "deterministic (seeded) mixed source, config, docs and lockfiles; MB = 10^6 bytes",
    },
    ours: {
      mb_per_s: round(oursRate),
      seconds: round(oursSeconds, 3),
      findings: ours[0]!.findings,
      planted_found: ours[0]!.plantedFound,
      passes: PASSES,
    },
    secretlint: {
      version: "12.0.0 (@secretlint/secretlint-rule-preset-recommend 12.0.0)",
      mb_per_s: round(secretlintRate),
      seconds: round(secretlintSeconds, 3),
      findings: secretlintPasses[0]!.findings,
      passes: PASSES,
      ...(sampled
        ? { secretlint_sample_mb: round(secretlintBytes / MB), note: "timed on every n-th file and extrapolated per MB" }
        : { secretlint_sample_mb: round(secretlintBytes / MB), note: "timed on the whole corpus" }),
    },
    ratio: round(oursRate / secretlintRate, 2),
    target: "ratio >= 10",
    method: "median of the timed passes per side after the same warm-up, single thread, in-process, one call per file",
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(await runSecretsThroughputBench(), null, 2)}\n`);
}
