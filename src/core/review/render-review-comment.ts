import type { Omission } from "./budgeted-diff.js";
import { reviewConclusion } from "./decide.js";
import type { ReviewOutcome } from "./decide.js";
import { codeSpan, inlineText } from "../markdown-text.js";
import type { FindingComparison, FingerprintedFinding } from "./fingerprints.js";
import { recordStart, serializeReviewRecord } from "./review-record.js";
import type { ReviewCall, ReviewRecord } from "./review-record.js";
import type { AssistantManagerFindings } from "./review-schemas.js";
import { callsSection, findingsSections, omittedSection, resolvedSection } from "./render-review-sections.js";
import type { RenderLimits } from "./render-review-sections.js";

export interface ReviewCommentInput {
  headSha: string;
  /** hash of the review configuration: a changed config is a reason to review the same diff again */
  configHash: string;
  /** `changeFingerprint` of the reviewed change, when it has one */
  changeFingerprint?: string | undefined;
  /** hash of the owners' waivers and dismissals the review applied */
  ownerDecisions?: string | undefined;
  outcome: ReviewOutcome;
  /** the assistant manager's answer; absent when that pass failed */
  findings?: AssistantManagerFindings;
  /** this push's findings against the previous review's (`compareWithPrevious`) */
  comparison: FindingComparison;
  /** every file left out or cut (`BudgetedDiff.omitted`) */
  omitted: readonly Omission[];
  calls: readonly ReviewCall[];
  /** whether this review posts a line review (or leaves an earlier one it did not hide) on the PR */
  lineReviews?: boolean | undefined;
  /** a task's model reviews so far, this one included */
  reviews?: number | undefined;
  /** when the review was made */
  reviewedAt?: Date | undefined;
}

/** GitHub rejects comment bodies over 65,536 characters; the sticky marker goes in front. */
export const maxCommentLength = 65_000;
const recordListLimit = 300;
const recordTextLimit = 300;

const clipFinding = (finding: FingerprintedFinding): FingerprintedFinding => ({
  ...finding,
  text: finding.text.length > recordTextLimit ? `${finding.text.slice(0, recordTextLimit - 1)}…` : finding.text,
});

/** The machine-readable result; lists are capped so the comment stays within GitHub's limit. */
export function reviewRecord(input: ReviewCommentInput, listLimit = recordListLimit): ReviewRecord {
  const { outcome } = input;
  const complete = outcome.status === "complete" ? outcome : undefined;
  return {
    version: 1,
    head_sha: input.headSha,
    config_hash: input.configHash,
    status: outcome.status,
    decision: complete?.decision ?? null,
    decided_by: complete?.decidedBy ?? null,
    recommended_status: complete?.recommended_status ?? null,
    reason: outcome.status === "incomplete" ? outcome.reason : null,
    conclusion: reviewConclusion(outcome).conclusion,
    may_merge: outcome.mayMerge,
    coverage: outcome.coverage,
    gates_green: outcome.gatesGreen,
    findings: [...input.comparison.stillOpen, ...input.comparison.new].slice(0, listLimit).map(clipFinding),
    resolved: input.comparison.resolved.slice(0, listLimit).map(clipFinding),
    omitted: input.omitted.slice(0, listLimit).map((omission) => ({ ...omission })),
    omitted_count: input.omitted.length,
    calls: input.calls.map((call) => ({ ...call })),
    ...(input.changeFingerprint === undefined ? {} : { change_fingerprint: input.changeFingerprint }),
    ...(input.ownerDecisions === undefined ? {} : { owner_decisions: input.ownerDecisions }),
    ...(input.lineReviews === undefined ? {} : { line_reviews: input.lineReviews }),
    ...(input.reviews === undefined ? {} : { reviews: input.reviews }),
    ...(input.reviewedAt === undefined ? {} : { reviewed_at: input.reviewedAt.toISOString() }),
    criteria: (complete?.criteria ?? []).map((result) => ({
      number: result.number,
      verdict: result.verdict,
      waived: result.waived,
      evidence: result.evidence
        .slice(0, 5)
        .map((item) => (item.line === null ? item.file : `${item.file}:${item.line}`).slice(0, recordTextLimit)),
    })),
  };
}

function headline(outcome: ReviewOutcome): string[] {
  const { title } = reviewConclusion(outcome);
  const facts = [
    `coverage ${outcome.coverage}`,
    `gates ${outcome.gatesGreen ? "green" : "not green"}`,
    outcome.mayMerge ? "the review does not hold the merge" : "the review holds the merge",
  ];
  return [`## Autopilot review: ${inlineText(title, 200)}`, "", facts.join(" · ")];
}

function decisionSection(outcome: ReviewOutcome, limits: RenderLimits): string[] {
  if (outcome.status === "incomplete") {
    return ["", `**The review did not finish**: ${inlineText(outcome.reason, 500)}. Nothing here counts as a verdict.`];
  }
  const out = ["", `> ${inlineText(outcome.summary, limits.text * 3)}`];
  out.push(
    "",
    "**Reasons**",
    ...outcome.reasons.slice(0, limits.rows).map((reason) => `- ${inlineText(reason, limits.text)}`),
  );
  if (outcome.next_actions.length) {
    out.push(
      "",
      "**Next actions**",
      ...outcome.next_actions.slice(0, limits.rows).map((action) => `- ${inlineText(action, limits.text)}`),
    );
  }
  if (outcome.criteria.length) {
    const mark = { met: "✅ met", not_met: "❌ not met", unverifiable: "❔ not shown" } as const;
    out.push(
      "",
      "**Acceptance criteria**",
      ...outcome.criteria.slice(0, limits.rows).map((result) => {
        const where = result.evidence
          .slice(0, 3)
          .map((item) => codeSpan(item.line === null ? item.file : `${item.file}:${item.line}`));
        const verdict =
          result.waived && result.verdict !== "met"
            ? `${mark[result.verdict]} (waived by an owner)`
            : mark[result.verdict];
        return `${result.number}. ${inlineText(result.criterion, limits.text)}: ${verdict}${where.length ? ` (${where.join(", ")})` : ""}: ${inlineText(result.note, limits.text)}`;
      }),
    );
  }
  if (outcome.unresolvedRiskIds.length) {
    out.push(
      "",
      `High or critical risks still standing: ${outcome.unresolvedRiskIds.map((id) => inlineText(id, 20)).join(", ")}`,
    );
  }
  return out;
}

function render(input: ReviewCommentInput, limits: RenderLimits, listLimit: number): string {
  const lines = [
    ...headline(input.outcome),
    ...decisionSection(input.outcome, limits),
    "",
    ...(input.findings === undefined
      ? ["### Findings", "The assistant manager's pass did not complete: no findings to show."]
      : findingsSections(input.findings, input.comparison, limits)),
    ...resolvedSection(input.comparison.resolved, limits),
    ...omittedSection(input.omitted, limits),
    ...callsSection(input.calls),
    "",
    `<sub>Head ${input.headSha.slice(0, 7)}. The review can hold a merge back, never grant one: merging also needs green gates and the merge policy.</sub>`,
    "",
    serializeReviewRecord(reviewRecord(input, listLimit)),
  ];
  return lines.join("\n");
}

/**
 * The sticky review comment (the marker that finds it is added by the GitHub adapter). Every
 * text from a model or the pull request is escaped; a review too large for one comment is
 * rendered again with shorter lists rather than truncated mid-markup.
 */
export function renderReviewComment(input: ReviewCommentInput): string {
  const attempts: [RenderLimits, number][] = [
    [{ rows: 50, text: 400 }, recordListLimit],
    [{ rows: 15, text: 160 }, 100],
    [{ rows: 5, text: 80 }, 30],
  ];
  let body = "";
  for (const [limits, listLimit] of attempts) {
    body = render(input, limits, listLimit);
    if (body.length <= maxCommentLength) return body;
  }
  return body;
}

/**
 * The review comment of an earlier head, carried to `headSha`: the change is the same (only the
 * base moved), so the verdict stands without asking the models again. The record names the new
 * head and where it came from; a note above the record says so to people.
 */
export function carryReviewComment(body: string, record: ReviewRecord, headSha: string): string {
  const carried: ReviewRecord = { ...record, head_sha: headSha, carried_from: record.carried_from ?? record.head_sha };
  const start = recordStart(body);
  const visible = start === -1 ? body : body.slice(0, start);
  const note = `<sub>Carried over to ${headSha.slice(0, 7)} from ${record.head_sha.slice(0, 7)}: the pull request's own change is the same; only its base moved, so the models were not asked again.</sub>`;
  return `${visible.replace(/\n<sub>Carried over to [^\n]*<\/sub>\n/g, "\n")}${note}\n\n${serializeReviewRecord(carried)}`;
}
