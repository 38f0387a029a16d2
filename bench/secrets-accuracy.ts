/**
 * Accuracy of the secret scanner on the labelled corpora kept beside the project
 * (`../shared/benchmarks`, read at run time and never copied into the repository):
 * - secrets-dev: line-level precision / recall / F1 (a private key counts anywhere in its block);
 * - secrets-external: cases from trufflehog's and gitleaks' own test suites, scored per case;
 * - real code: every finding on ~100 MB of third-party source from node_modules, classified.
 * Run directly with `npx tsx bench/secrets-accuracy.ts`.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { scanText, type SecretFinding } from "../src/core/secrets/index.js";
import { runRealCodeFindingsBench } from "./real-code-findings.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

interface ExternalCase {
  source: string;
  detector: string;
  positive: boolean;
  input: string;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Lines of `-----BEGIN … PRIVATE KEY-----` blocks, mapped to their BEGIN line. */
function privateKeyBlocks(text: string): Map<number, number> {
  const owner = new Map<number, number>();
  const lines = text.split("\n");
  let begin: number | undefined;
  lines.forEach((line, index) => {
    if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY/.test(line)) begin = index + 1;
    if (begin !== undefined) owner.set(index + 1, begin);
    if (/-----END [A-Z0-9 ]*PRIVATE KEY/.test(line)) begin = undefined;
  });
  return owner;
}

function scoreDev(devDir: string, details: boolean) {
  const labels = JSON.parse(readFileSync(path.join(devDir, "labels.json"), "utf8")) as Record<string, number[]>;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const falsePositives: string[] = [];
  const falseNegatives: string[] = [];
  for (const file of readdirSync(path.join(devDir, "files")).sort()) {
    const text = readFileSync(path.join(devDir, "files", file), "utf8");
    const expected = new Set(labels[file] ?? []);
    const blocks = privateKeyBlocks(text);
    const hitLines = new Set<number>();
    for (const finding of scanText(text, file)) {
      const line = blocks.get(finding.line) ?? finding.line;
      if (hitLines.has(line)) continue;
      hitLines.add(line);
      if (expected.has(line)) tp++;
      else {
        fp++;
        falsePositives.push(`${file}:${finding.line} ${finding.rule}`);
      }
    }
    for (const line of expected) {
      if (!hitLines.has(line)) {
        fn++;
        falseNegatives.push(`${file}:${line}`);
      }
    }
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    files: Object.keys(labels).length,
    true_positives: tp,
    false_positives: fp,
    false_negatives: fn,
    precision: round(precision),
    recall: round(recall),
    f1: round(f1),
    ...(details ? { false_positive_lines: falsePositives, missed_lines: falseNegatives } : {}),
  };
}

/** The value a finding reports: the run of token characters from its column. */
function findingValue(line: string, finding: SecretFinding): string {
  return /^[^\s"'`,;()<>]+/.exec(line.slice(finding.column - 1))?.[0] ?? "";
}

/** Levenshtein distance of `a` and `b`, or `cap + 1` once it is known to exceed `cap`. */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      rowMin = Math.min(rowMin, current[j]!);
    }
    if (rowMin > cap) return cap + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Whether `value` is a positive's value edited by hand: within a quarter of its length (at least
 * 2) of edits of one. trufflehog's negatives are mostly a positive's credential with a character
 * swapped, inserted or cut so that the detector's exact length or alphabet no longer matches: a
 * scanner tells them apart only by knowing that provider's exact format.
 */
function nearPositiveValue(value: string, positiveValues: readonly string[]): boolean {
  const cap = Math.max(2, Math.floor(value.length / 4));
  return positiveValues.some((positive) => editDistance(value, positive, cap) <= cap);
}

function scoreExternal(casesFile: string, details: boolean) {
  const cases = JSON.parse(readFileSync(casesFile, "utf8")) as ExternalCase[];
  const tally = {
    trufflehog_positive: { total: 0, flagged: 0 },
    trufflehog_negative: { total: 0, flagged: 0 },
    gitleaks_negative: { total: 0, flagged: 0 },
  };
  const missed: string[] = [];
  const falseAlarms: string[] = [];
  const falseAlarmRules: Record<string, number> = {};
  /** trimmed lines of positive cases on which a finding was reported */
  const positiveLines = new Set<string>();
  /** fingerprints of the values found in positive cases */
  const positiveValues = new Set<string>();
  /** the values themselves, for the edit-distance comparison */
  const positiveTexts = new Set<string>();
  const negativesFlagged: Array<{ detector: string; lines: string[]; values: string[]; texts: string[] }> = [];
  for (const testCase of cases) {
    const tool = testCase.source.startsWith("trufflesecurity/") ? "trufflehog" : "gitleaks";
    const key = `${tool}_${testCase.positive ? "positive" : "negative"}` as keyof typeof tally;
    const bucket = tally[key];
    if (!bucket) continue;
    const findings: SecretFinding[] = scanText(testCase.input, `${testCase.detector}.txt`);
    bucket.total++;
    if (findings.length > 0) bucket.flagged++;
    if (testCase.positive && findings.length === 0) missed.push(testCase.detector);
    const lines = testCase.input.split("\n");
    const flaggedLines = findings.map((f) => (lines[f.line - 1] ?? "").trim());
    if (testCase.positive && tool === "trufflehog") {
      for (const line of flaggedLines) positiveLines.add(line);
      for (const finding of findings) positiveValues.add(finding.fingerprint);
      for (const finding of findings) positiveTexts.add(findingValue(lines[finding.line - 1] ?? "", finding));
    }
    if (!testCase.positive && findings.length > 0) {
      for (const rule of new Set(findings.map((f) => `${tool}/${f.rule}`)))
        falseAlarmRules[rule] = (falseAlarmRules[rule] ?? 0) + 1;
      if (tool === "trufflehog")
        negativesFlagged.push({
          detector: testCase.detector,
          lines: flaggedLines,
          values: findings.map((f) => f.fingerprint),
          texts: findings.map((f) => findingValue(lines[f.line - 1] ?? "", f)),
        });
      falseAlarms.push(`${tool}/${testCase.detector}: ${findings.map((f) => `${f.rule} ${f.preview}`).join(" | ")}`);
    }
  }
  // a negative flagged only on lines that are, byte for byte, lines found in a positive case
  // cannot be cleared without losing that positive: the floor of the negatives figure
  const sameAsPositive = negativesFlagged.filter(({ lines }) => lines.every((line) => positiveLines.has(line))).length;
  // a negative flagged only on values that a positive case holds (the same credential, under a
  // name or beside a context the detector's test did not expect): a scanner that judges values
  // cannot clear it without losing that positive either
  const sameValueAsPositive = negativesFlagged.filter(({ values }) =>
    values.every((value) => positiveValues.has(value)),
  ).length;
  // a negative flagged only on values a positive holds or that are a positive's value edited by
  // a few characters: without the provider's exact format, the floor of any scanner that judges values
  const positiveList = [...positiveTexts];
  const nearFloor = negativesFlagged.filter(({ values, texts }) =>
    values.every((value, i) => positiveValues.has(value) || nearPositiveValue(texts[i]!, positiveList)),
  );
  const otherwise = negativesFlagged.filter((negative) => !nearFloor.includes(negative));
  const pct = (flagged: number, total: number) => (total === 0 ? 0 : round((100 * flagged) / total));
  return {
    trufflehog_positives_found: tally.trufflehog_positive.flagged,
    trufflehog_positives_total: tally.trufflehog_positive.total,
    trufflehog_positives_found_pct: pct(tally.trufflehog_positive.flagged, tally.trufflehog_positive.total),
    trufflehog_negatives_flagged: tally.trufflehog_negative.flagged,
    trufflehog_negatives_total: tally.trufflehog_negative.total,
    trufflehog_negatives_flagged_pct: pct(tally.trufflehog_negative.flagged, tally.trufflehog_negative.total),
    gitleaks_negatives_flagged: tally.gitleaks_negative.flagged,
    gitleaks_negatives_total: tally.gitleaks_negative.total,
    gitleaks_negatives_flagged_pct: pct(tally.gitleaks_negative.flagged, tally.gitleaks_negative.total),
    trufflehog_negatives_flagged_only_on_positive_lines: sameAsPositive,
    trufflehog_negatives_floor_pct: pct(sameAsPositive, tally.trufflehog_negative.total),
    trufflehog_negatives_flagged_only_on_positive_values: sameValueAsPositive,
    trufflehog_negatives_value_floor_pct: pct(sameValueAsPositive, tally.trufflehog_negative.total),
    trufflehog_negatives_flagged_only_on_positive_or_edited_values: nearFloor.length,
    trufflehog_negatives_edit_floor_pct: pct(nearFloor.length, tally.trufflehog_negative.total),
    false_alarms_per_rule: falseAlarmRules,
    ...(details
      ? {
          missed_positive_detectors: missed,
          false_alarms: falseAlarms,
          trufflehog_negatives_flagged_otherwise: otherwise.map(
            ({ detector, lines }) => `${detector}: ${lines.join(" | ")}`,
          ),
        }
      : {}),
  };
}

/**
 * `../shared/benchmarks` from the project root; from a git worktree nested one level deeper
 * (`wt/<name>`), the same folder two levels up. `AUTOPILOT_BENCHMARKS` overrides both.
 */
export function benchmarksDir(): string {
  if (process.env.AUTOPILOT_BENCHMARKS) return path.resolve(process.env.AUTOPILOT_BENCHMARKS);
  const candidates = [
    path.resolve(repoRoot, "../shared/benchmarks"),
    path.resolve(repoRoot, "../../shared/benchmarks"),
  ];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
}

export async function runSecretsAccuracyBench(options: { details?: boolean } = {}): Promise<object> {
  const benchmarks = benchmarksDir();
  const devDir = path.join(benchmarks, "secrets-dev");
  const casesFile = path.join(benchmarks, "secrets-external", "cases.json");
  if (!existsSync(path.join(devDir, "labels.json")) && !existsSync(casesFile)) {
    return { skipped: `no benchmark corpora at ${benchmarks}` };
  }
  const details = options.details ?? false;
  const started = performance.now();
  const result = {
    secrets_dev: existsSync(path.join(devDir, "labels.json"))
      ? scoreDev(devDir, details)
      : { skipped: `missing ${devDir}` },
    secrets_external: existsSync(casesFile) ? scoreExternal(casesFile, details) : { skipped: `missing ${casesFile}` },
    real_code: runRealCodeFindingsBench(),
    targets: {
      secrets_dev: "precision >= 0.97, recall >= 0.97",
      secrets_external:
        "trufflehog positives found >= 73%, trufflehog and gitleaks negatives flagged <= 3%; " +
        "the floor: trufflehog negatives flagged only on lines that a positive case holds verbatim " +
        "(value floor: only on values that a positive case holds; edit floor: only on values that a positive " +
        "holds or that are a positive's value with a few characters edited, which only per-provider formats tell apart)",
      real_code: "every finding a credential or a private key (to_review = 0)",
    },
    duration_ms: Math.round(performance.now() - started),
  };
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const details = process.argv.includes("--details");
  process.stdout.write(`${JSON.stringify(await runSecretsAccuracyBench({ details }), null, 2)}\n`);
}
