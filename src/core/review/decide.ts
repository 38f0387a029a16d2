import type { Conclusion } from "../gate-result.js";
import type { QueueStatus } from "../queue/queue-status.js";
import type {
  AssistantManagerFindings,
  CriterionVerdict,
  CriterionVerdictName,
  ManagerDecision,
  ReviewDecision,
  TieBreakDecision,
} from "./review-schemas.js";

export type Coverage = "full" | "partial";
/** Which pass's answer stands: the manager's, or the tie-break's when one was required. */
export type DecidedBy = "manager" | "tie_break";

/** What every review outcome carries besides the models' answers: facts the app computed. */
interface Signals {
  coverage: Coverage;
  /** every gate on the head SHA concluded success (the app's input, never a model's claim) */
  gatesGreen: boolean;
}

/** One acceptance criterion as the review judged it. */
export interface CriterionResult {
  number: number;
  criterion: string;
  /** the deciding pass's verdict; `unverifiable` when it gave none, or said met without evidence */
  verdict: CriterionVerdictName;
  evidence: CriterionVerdict["evidence"];
  note: string;
  /** an owner waived it: it does not hold an accept back */
  waived: boolean;
}

export interface CompleteReview extends Signals {
  status: "complete";
  /** every acceptance criterion of the task spec, judged (empty for a PR that is not a task) */
  criteria: CriterionResult[];
  decision: ReviewDecision;
  decidedBy: DecidedBy;
  recommended_status: QueueStatus;
  summary: string;
  reasons: string[];
  next_actions: string[];
  /** high or critical risk ids that stand after the deciding pass */
  unresolvedRiskIds: string[];
  /** true only for accept with full coverage and green gates; the review can hold a merge, never force one */
  mayMerge: boolean;
}

export interface IncompleteReview extends Signals {
  status: "incomplete";
  /** what went wrong, shown in the check and the comment: "OpenAI: timed out after 2 retries" */
  reason: string;
  mayMerge: false;
}

export type ReviewOutcome = CompleteReview | IncompleteReview;

export interface FinalDecisionInput extends Signals {
  findings: AssistantManagerFindings;
  manager: ManagerDecision;
  tieBreak?: TieBreakDecision;
  /** the task spec's acceptance criteria, in order (numbered from 1); none for a PR that is not a task */
  acceptance?: readonly string[];
  /** numbers of the criteria an owner waived */
  waived?: readonly number[];
}

/**
 * Each acceptance criterion with the deciding pass's verdict. A criterion the answer skipped is
 * `unverifiable`, and so is one called met without any evidence: "met" has to point at the lines
 * or the test that show it. A number outside the list, or given twice, is ignored after its first.
 */
export function judgeCriteria(
  acceptance: readonly string[],
  verdicts: readonly CriterionVerdict[],
  waived: readonly number[] = [],
): CriterionResult[] {
  return acceptance.map((criterion, index) => {
    const number = index + 1;
    const given = verdicts.find((verdict) => verdict.number === number);
    const isWaived = waived.includes(number);
    if (given === undefined)
      return {
        number,
        criterion,
        verdict: "unverifiable",
        evidence: [],
        note: "the review gave no verdict for it",
        waived: isWaived,
      };
    if (given.verdict === "met" && given.evidence.length === 0) {
      return {
        number,
        criterion,
        verdict: "unverifiable",
        evidence: [],
        note: `called met without evidence: ${given.note}`,
        waived: isWaived,
      };
    }
    return { number, criterion, verdict: given.verdict, evidence: given.evidence, note: given.note, waived: isWaived };
  });
}

/** Ids of the risks the assistant manager rated high or critical, in its order. */
export function highRiskIds(findings: AssistantManagerFindings): string[] {
  return findings.risks
    .filter((risk) => risk.severity === "high" || risk.severity === "critical")
    .map((risk) => risk.id);
}

/** Titles of the follow-ups the assistant manager says must be done before the pull request merges. */
export function blockingFollowups(findings: AssistantManagerFindings): string[] {
  return findings.followups.filter((followup) => followup.blocking).map((followup) => followup.title);
}

/** A third pass is required when the manager accepted over a high or critical risk. */
export function needsTieBreak(input: { findings: AssistantManagerFindings; manager: ManagerDecision }): boolean {
  return input.manager.decision === "accept" && highRiskIds(input.findings).length > 0;
}

/** A review that could not finish (provider down, malformed twice, over the cost cap, no keys). */
export function incompleteReview(reason: string, signals: Signals): IncompleteReview {
  return { status: "incomplete", reason, ...signals, mayMerge: false };
}

/**
 * Combines the passes. When a tie-break is required its answer stands, and an accept from it
 * counts only if it names every high and critical risk as resolved (otherwise it becomes
 * partial); without it the review is incomplete, never accepted. A tie-break passed when none
 * was required is ignored. An accept while the assistant manager reports a blocking follow-up
 * becomes partial too, each such follow-up named in the reasons: "blocking" means the pull
 * request should not merge without it, so it cannot be done. An accept also needs a `met` verdict
 * with evidence for every acceptance criterion (or the owner's waiver); otherwise it is partial,
 * each such criterion named in the reasons. Gate state and coverage come from
 * the app, so no model text can turn `mayMerge` on.
 */
export function finalDecision(input: FinalDecisionInput): ReviewOutcome {
  const signals: Signals = { coverage: input.coverage, gatesGreen: input.gatesGreen };
  const highIds = highRiskIds(input.findings);
  const required = needsTieBreak(input);
  if (required && input.tieBreak === undefined) {
    return incompleteReview(
      `the manager accepted over ${highIds.join(", ")} (high or critical) and the tie-break pass did not answer`,
      signals,
    );
  }
  const deciding = required ? (input.tieBreak as TieBreakDecision) : input.manager;
  const resolved = new Set(required ? (input.tieBreak as TieBreakDecision).resolves_risk_ids : []);
  const unresolvedRiskIds = required ? highIds.filter((id) => !resolved.has(id)) : highIds;
  let decision = deciding.decision;
  const reasons = [...deciding.reasons];
  if (required && decision === "accept" && unresolvedRiskIds.length > 0) {
    decision = "partial";
    reasons.push(`The tie-break accepted without resolving ${unresolvedRiskIds.join(", ")}; counted as partial.`);
  }
  const blocking = blockingFollowups(input.findings);
  if (decision === "accept" && blocking.length > 0) {
    decision = "partial";
    reasons.push(...blocking.map((title) => `blocking follow-up: ${title}`));
  }
  // an accept needs every criterion shown met (or waived by an owner), not merely none reported missing
  const criteria = judgeCriteria(input.acceptance ?? [], deciding.criteria, input.waived);
  const unmet = criteria.filter((result) => result.verdict !== "met" && !result.waived);
  if (decision === "accept" && unmet.length > 0) {
    decision = "partial";
    reasons.push(
      ...unmet.map(
        (result) =>
          `criterion ${result.number} (${result.criterion}) is ${result.verdict === "not_met" ? "not met" : "not shown met"}: ${result.note}`,
      ),
    );
  }
  return {
    status: "complete",
    decision,
    decidedBy: required ? "tie_break" : "manager",
    criteria,
    recommended_status: decision === deciding.decision ? deciding.recommended_status : "in_progress",
    summary: deciding.summary,
    reasons,
    next_actions: [...deciding.next_actions],
    unresolvedRiskIds,
    ...signals,
    mayMerge: decision === "accept" && signals.coverage === "full" && signals.gatesGreen,
  };
}

const passName: Record<DecidedBy, string> = { manager: "manager", tie_break: "tie-break" };

/**
 * The `autopilot/review` check run's conclusion and title. Success only for accept with full
 * coverage (and green gates); accept with partial coverage, partial, and an incomplete review
 * are neutral with the reason; reject and blocked fail.
 */
export function reviewConclusion(outcome: ReviewOutcome): { conclusion: Conclusion; title: string } {
  if (outcome.status === "incomplete") return { conclusion: "neutral", title: `Review incomplete: ${outcome.reason}` };
  const by = `decided by the ${passName[outcome.decidedBy]}`;
  switch (outcome.decision) {
    case "accept":
      if (outcome.coverage !== "full")
        return { conclusion: "neutral", title: `Accepted (${by}), but not every file was reviewed` };
      if (!outcome.gatesGreen) return { conclusion: "neutral", title: `Accepted (${by}), but the gates are not green` };
      return { conclusion: "success", title: `Accepted (${by})` };
    case "partial":
      return { conclusion: "neutral", title: `Partially done (${by})` };
    case "reject":
      return { conclusion: "failure", title: `Rejected (${by})` };
    case "blocked":
      return { conclusion: "failure", title: `Blocked (${by})` };
  }
}
