import { codeSpan, inlineText } from "../markdown-text.js";
import type { CompleteReview } from "../review/decide.js";
import type { AssistantManagerFindings } from "../review/review-schemas.js";

export interface RejectionNoticeInput {
  taskId: string;
  headSha: string;
  /** the final decision (`reject` or `partial`), with the manager's (or tie-break's) reasons, next actions and criteria */
  outcome: Pick<CompleteReview, "summary" | "reasons" | "next_actions"> &
    Partial<Pick<CompleteReview, "decision" | "criteria">>;
  /** the assistant manager's findings; absent when that pass did not answer */
  findings?: AssistantManagerFindings;
  /** `@handle` when the agent is dispatched by mention: the notice is its call back to work */
  mention?: string;
  /** how the agent was started again, for the reader: "workflow agent.yml dispatched" */
  redispatch?: string;
}

const rows = 20;

const section = (title: string, items: string[]): string[] =>
  items.length === 0
    ? []
    : [
        "",
        `**${title}**`,
        ...items.slice(0, rows).map((item) => `- ${item}`),
        ...(items.length > rows ? [`- …and ${items.length - rows} more`] : []),
      ];

/**
 * The comment that sends a rejected task back to its agent, written for the agent to act on: what
 * to fix (the reasons, the risks with their evidence, the missing deliverables, the test gaps,
 * the next actions), and what to do when done (push, then mark the PR ready for review). Every
 * text from a model is escaped: the agent reads it as data, not as instructions from the app.
 */
export function renderRejectionNotice(input: RejectionNoticeInput): string {
  const { outcome, findings } = input;
  const lead = [
    ...(input.mention ? [input.mention] : []),
    `The review ${outcome.decision === "partial" ? "found **part of the task done**" : "**rejected**"} ${input.taskId} at ${input.headSha.slice(0, 7)}. The task is back in progress and this pull request is a draft again:`,
    "address the points below, push the fixes, then mark the pull request ready for review; the gates and the review run again on the new head.",
  ].join(" ");
  const risks = (findings?.risks ?? []).map((risk) => {
    const evidence = risk.evidence
      .slice(0, 3)
      .map((item) => codeSpan(item.line === null ? item.file : `${item.file}:${item.line}`));
    return `**${risk.severity}** ${inlineText(risk.id, 20)}: ${inlineText(risk.description)}${evidence.length > 0 ? ` (${evidence.join(", ")})` : ""}`;
  });
  return [
    lead,
    "",
    `> ${inlineText(outcome.summary, 600)}`,
    ...section(
      "Reasons",
      outcome.reasons.map((reason) => inlineText(reason)),
    ),
    ...section(
      "Acceptance criteria not shown met",
      (outcome.criteria ?? [])
        .filter((result) => result.verdict !== "met" && !result.waived)
        .map((result) => `${result.number}. ${inlineText(result.criterion)}: ${inlineText(result.note)}`),
    ),
    ...section("Risks", risks),
    ...section(
      "Missing deliverables",
      (findings?.missing_deliverables ?? []).map((item) => `${inlineText(item.criterion)}: ${inlineText(item.why)}`),
    ),
    ...section(
      "Test gaps",
      (findings?.test_gaps ?? []).map(
        (gap) => `${inlineText(gap.description)}${gap.file === null ? "" : ` (${codeSpan(gap.file)})`}`,
      ),
    ),
    ...section(
      "Next actions",
      outcome.next_actions.map((action) => inlineText(action)),
    ),
    ...(input.redispatch ? ["", `<sub>${inlineText(input.redispatch)}.</sub>`] : []),
  ].join("\n");
}
