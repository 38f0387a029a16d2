/**
 * Precision on real code: every finding of the scanner on the real-code corpus
 * (`bench/real-code-corpus.ts`), classified. Third-party packages hold test fixtures (private
 * keys and tokens written for their own tests); anything else is a finding to review, and the
 * target is that there is none. Run directly with `npx tsx bench/real-code-findings.ts`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { scanText } from "../src/core/secrets/index.js";
import { repoRoot, selectRealCode, type RealCodeCorpus } from "./real-code-corpus.js";

/** a path inside a package's tests or fixtures */
const TEST_PATH = /(?:^|\/)(?:tests?|__tests__|spec|fixtures?|__fixtures__)\/|\.(?:test|spec)\.[cm]?[jt]s$/;
const SAMPLE = 10;

export type FindingKind = "private_key_test_fixture" | "private_key" | "credential_test_fixture" | "to_review";

export function classifyFinding(rule: string, file: string): FindingKind {
  const inTests = TEST_PATH.test(file);
  if (rule === "private-key") return inTests ? "private_key_test_fixture" : "private_key";
  return inTests ? "credential_test_fixture" : "to_review";
}

export function runRealCodeFindingsBench(corpus: RealCodeCorpus = selectRealCode()): object {
  if (corpus.files.length === 0) {
    // e.g. a git worktree whose node_modules entries are symbolic links, which the corpus does not follow
    return { skipped: "no source files under node_modules: nothing to classify" };
  }
  const perRule: Record<string, number> = {};
  const perKind: Record<FindingKind, number> = {
    private_key_test_fixture: 0,
    private_key: 0,
    credential_test_fixture: 0,
    to_review: 0,
  };
  const sample: string[] = [];
  const toReview: string[] = [];
  for (const file of corpus.files) {
    const text = readFileSync(path.join(repoRoot, file.path), "utf8");
    for (const finding of scanText(text, file.path)) {
      perRule[finding.rule] = (perRule[finding.rule] ?? 0) + 1;
      const kind = classifyFinding(finding.rule, file.path);
      perKind[kind]++;
      const shown = `${file.path}:${finding.line} ${finding.rule} ${finding.preview} (${kind})`;
      if (sample.length < SAMPLE) sample.push(shown);
      if (kind === "to_review") toReview.push(shown);
    }
  }
  const findings = Object.values(perKind).reduce((a, b) => a + b, 0);
  return {
    corpus: { files: corpus.files.length, mb: Math.round(corpus.bytes / 1e5) / 10 },
    findings,
    per_rule: perRule,
    per_kind: perKind,
    sample,
    to_review: toReview,
    target: "every finding a credential or a private key: to_review = 0",
    note: "kinds by path: a finding under a package's test/, tests/, __tests__/, spec/, fixtures/ or in *.test.* is its fixture",
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(runRealCodeFindingsBench(), null, 2)}\n`);
}
