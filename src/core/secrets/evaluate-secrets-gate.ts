import type { Annotation, GateResult } from "../gate-result.js";
import type { SecretFinding } from "./secret-finding.js";

export const SECRETS_GATE_NAME = "autopilot/secrets";
/** keeps the summary well under GitHub's 65 535-character limit for check run output */
const MAX_TABLE_ROWS = 100;

const ROTATE =
  "Rotate it: revoke the credential at the provider and issue a new one. Removing it from the branch is not enough: " +
  "it stays in git history, in forks and in every clone that fetched it.";
const FALSE_POSITIVE =
  "If a finding is not a credential (a test fixture, a documented example), an owner lists its fingerprint (or the " +
  "fixture's path) in the secrets allowlist of `.github/autopilot.yml` on the default branch. An " +
  "`autopilot:allow-secret` marker in the change itself does not count here: the change's author could write it.";

/** A table cell in a code span that survives backticks and pipes in the previewed line. */
function codeCell(value: string): string {
  const escaped = value.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const fence = escaped.includes("`") ? "``" : "`";
  return `${fence}${fence.length > 1 ? " " : ""}${escaped}${fence.length > 1 ? " " : ""}${fence}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function findingsTable(findings: readonly SecretFinding[]): string {
  const rows = findings
    .slice(0, MAX_TABLE_ROWS)
    .map(
      (f) =>
        `| ${codeCell(f.file)} | ${f.line}:${f.column} | ${f.rule} | ${codeCell(f.preview)} | ${codeCell(f.fingerprint)} |`,
    );
  const more =
    findings.length > MAX_TABLE_ROWS ? `\n\n…and ${findings.length - MAX_TABLE_ROWS} more (see the annotations).` : "";
  return (
    ["| File | Line | Rule | Preview (masked) | Fingerprint |", "|---|---|---|---|---|", ...rows].join("\n") + more
  );
}

function annotationFor(finding: SecretFinding): Annotation {
  return {
    path: finding.file,
    start_line: finding.line,
    end_line: finding.line,
    start_column: finding.column,
    end_column: finding.column,
    annotation_level: "failure",
    title: `Possible secret (${finding.rule})`,
    message: `${finding.preview}\n\n${ROTATE}\nFingerprint: ${finding.fingerprint}`,
  };
}

/**
 * The `autopilot/secrets` check: failure when anything credential-shaped was added, and failure
 * when the scan could not see everything (`incomplete` says why), never a silent green.
 */
export function evaluateSecretsGate(input: { findings: SecretFinding[]; incomplete?: string }): GateResult {
  const { findings, incomplete } = input;
  const incompleteNote = incomplete
    ? `**The scan is incomplete:** ${incomplete}. Lines it could not read were not checked, so this check cannot pass.`
    : undefined;

  if (findings.length > 0) {
    const summary = [
      `### ${plural(findings.length, "possible secret")} in the added lines`,
      `Treat each one as leaked. ${ROTATE}`,
      findingsTable(findings),
      FALSE_POSITIVE,
      ...(incompleteNote ? [incompleteNote] : []),
    ].join("\n\n");
    return {
      name: SECRETS_GATE_NAME,
      conclusion: "failure",
      title: `${plural(findings.length, "possible secret")} found: rotate, do not just remove${incomplete ? " (scan incomplete)" : ""}`,
      summary,
      annotations: findings.filter((finding) => finding.commit === undefined).map(annotationFor),
    };
  }
  if (incompleteNote) {
    return {
      name: SECRETS_GATE_NAME,
      conclusion: "failure",
      title: "Secret scan incomplete",
      summary: `### Secret scan incomplete\n\nNo secret was found in what could be read, but ${incompleteNote.charAt(0).toLowerCase()}${incompleteNote.slice(1)}`,
      annotations: [],
    };
  }
  return {
    name: SECRETS_GATE_NAME,
    conclusion: "success",
    title: "No secrets in the added lines",
    summary: "### No secrets in the added lines\n\nEvery added line was scanned for credentials; none was found.",
    annotations: [],
  };
}
