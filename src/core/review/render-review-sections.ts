import type { Omission } from "./budgeted-diff.js";
import { codeSpan, inlineText, table } from "../markdown-text.js";
import { fingerprintOf } from "./fingerprints.js";
import type { FindingComparison, FingerprintedFinding } from "./fingerprints.js";
import type { ReviewCall } from "./review-record.js";
import type { AssistantManagerFindings } from "./review-schemas.js";

/** How much of each list and text the comment shows; shrunk when a huge review would not fit. */
export interface RenderLimits {
  rows: number;
  text: number;
}

const bullets = (items: string[], limits: RenderLimits): string[] => {
  const lines = items.slice(0, limits.rows).map((item) => `- ${item}`);
  if (items.length > limits.rows) lines.push(`- …and ${items.length - limits.rows} more`);
  return lines;
};

/** `new` / `still open` per finding, found by its own fingerprint or its carried-over one. */
function statusOf(comparison: FindingComparison, finding: Omit<FingerprintedFinding, "fingerprint">): string {
  const fingerprint = fingerprintOf(finding);
  if (comparison.new.some((item) => item.fingerprint === fingerprint)) return "new";
  const same = (item: FingerprintedFinding) =>
    item.kind === finding.kind && item.file === finding.file && item.text === finding.text;
  return comparison.stillOpen.some(same) ? "still open" : "new";
}

export function findingsSections(
  findings: AssistantManagerFindings,
  comparison: FindingComparison,
  limits: RenderLimits,
): string[] {
  const out: string[] = [];
  const risks = findings.risks.map((risk) => {
    const file = [...risk.evidence.map((e) => e.file)].sort()[0] ?? null;
    const evidence = risk.evidence
      .slice(0, 3)
      .map((e) => codeSpan(e.line === null ? e.file : `${e.file}:${e.line}`))
      .join(", ");
    const status = statusOf(comparison, { kind: "risk", severity: risk.severity, file, text: risk.description });
    return [
      inlineText(risk.id, 20),
      `**${risk.severity}**`,
      inlineText(risk.description, limits.text),
      evidence || "—",
      status,
    ];
  });
  out.push(
    `### Risks (${findings.risks.length})`,
    risks.length ? table(["Id", "Severity", "Risk", "Evidence", "Status"], risks, limits.rows) : "None reported.",
  );
  if (findings.missing_deliverables.length) {
    const items = findings.missing_deliverables.map(
      (item) => `**${inlineText(item.criterion, limits.text)}**: ${inlineText(item.why, limits.text)}`,
    );
    out.push("", `### Missing deliverables (${items.length})`, ...bullets(items, limits));
  }
  if (findings.test_gaps.length) {
    const items = findings.test_gaps.map(
      (gap) => `${inlineText(gap.description, limits.text)}${gap.file === null ? "" : ` (${codeSpan(gap.file)})`}`,
    );
    out.push("", `### Test gaps (${items.length})`, ...bullets(items, limits));
  }
  if (findings.followups.length) {
    const items = findings.followups.map(
      (item) =>
        `${item.blocking ? "**blocking** " : ""}${inlineText(item.title, 120)}: ${inlineText(item.body, limits.text)}`,
    );
    out.push("", `### Follow-ups (${items.length})`, ...bullets(items, limits));
  }
  return out;
}

export function resolvedSection(resolved: readonly FingerprintedFinding[], limits: RenderLimits): string[] {
  if (resolved.length === 0) return [];
  const items = resolved.map(
    (finding) =>
      `${finding.kind.replace("_", " ")}${finding.file === null ? "" : ` in ${codeSpan(finding.file)}`}: ${inlineText(finding.text, limits.text)}`,
  );
  return ["", `### Resolved since the last review (${resolved.length})`, ...bullets(items, limits)];
}

export function omittedSection(omitted: readonly Omission[], limits: RenderLimits): string[] {
  if (omitted.length === 0) return ["", "### Files not reviewed", "None: the reviewers saw every change."];
  const rows = omitted.map((omission) => [
    codeSpan(omission.filename),
    omission.reason.replace("_", " "),
    omission.detail ?? "",
  ]);
  return [
    "",
    `### Files not reviewed (${omitted.length})`,
    "<details><summary>Left out or cut, with the reason</summary>",
    "",
    table(["File", "Reason", "Detail"], rows, limits.rows * 6),
    "",
    "</details>",
  ];
}

const roleNames: Record<ReviewCall["role"], string> = {
  assistant_manager: "assistant manager",
  manager: "manager",
  tie_break: "tie-break",
};

const providerName = (provider: ReviewCall["provider"]): string =>
  provider === "scripted" ? "scripted (canned answers, not a model)" : provider;

const usd = (value: number): string => `$${value.toFixed(4)}`;

export function callsSection(calls: readonly ReviewCall[]): string[] {
  if (calls.length === 0) return ["", "### Model calls", "None were made."];
  const rows = calls.map((call) => [
    roleNames[call.role],
    providerName(call.provider),
    codeSpan(call.model),
    String(call.input_tokens),
    String(call.output_tokens),
    call.cost_usd === null ? "no price configured" : usd(call.cost_usd),
    call.outcome.replace("_", " "),
  ]);
  const tokens = calls.reduce((sum, call) => sum + call.input_tokens + call.output_tokens, 0);
  const priced = calls.filter((call) => call.cost_usd !== null);
  const cost = priced.reduce((sum, call) => sum + (call.cost_usd ?? 0), 0);
  const costText = priced.length === calls.length ? usd(cost) : `${usd(cost)} (some models have no configured price)`;
  return [
    "",
    "### Model calls",
    table(["Pass", "Provider", "Model", "Input tokens", "Output tokens", "Cost", "Outcome"], rows),
    "",
    `Total: ${tokens} tokens, ${costText}.`,
  ];
}
