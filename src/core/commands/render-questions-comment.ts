import { fencedCode, inlineCode } from "../task/markdown-code.js";
import type { Decision, DecisionKind } from "./decisions.js";
import type { DecisionsDocument } from "./parse-decisions.js";
import { isOpen } from "./record-decisions.js";
import { threadNumberOf } from "./thread-questions.js";

const lead: Record<DecisionKind, { open: (count: number) => string; settled: string }> = {
  spec: {
    open: (count) =>
      `Autopilot needs ${count === 1 ? "one answer" : `${count} answers`} before it can start this task.`,
    settled: "Every question about this task's spec is settled; Autopilot went on with the task.",
  },
  review: {
    open: () => "The review of this pull request cannot go on without an owner's decision.",
    settled: "The owner decided; the task went on.",
  },
  merge: {
    open: () => "Merging this pull request needs an owner's decision.",
    settled: "No merge question is open any more: the owner decided, or the pull request was merged.",
  },
  // dismissals and waivers are answered as they are asked: they never show as open questions
  dismissal: {
    open: () => "An owner dismissed a finding of the review.",
    settled: "An owner dismissed a finding of the review.",
  },
  waiver: {
    open: () => "An owner waived an acceptance criterion.",
    settled: "An owner waived an acceptance criterion.",
  },
};

const howToAnswer: Record<DecisionKind, string> = {
  spec: [
    "Answer in a comment here with `/answer <n> <value>`, the value written as it would follow `field:` in the",
    "issue's ```autopilot block (on the lines after the command when it takes several). Autopilot records it in",
    "`ops/decisions.jsonl`, writes it into the spec in the issue description and goes on. Editing the issue",
    "description works too: Autopilot reads it again after every edit.",
  ].join(" "),
  review:
    "Answer in a comment here with `/answer <n> <choice>` (the choice's number or first word, then anything the agent should know). Autopilot records it in `ops/decisions.jsonl` and moves the task.",
  merge:
    "Answer in a comment here with `/answer <n> <choice>` (the choice's number or first word; any other text goes to the agent as option 2). Autopilot records it in `ops/decisions.jsonl` and acts on it.",
  dismissal: "Dismissals need no answer.",
  waiver: "Waivers need no answer.",
};

const who = "Only users with write access and the owners listed in `.github/autopilot.yml` can answer.";

/** `/answer 2 medium`, or the command with the value on the lines after it. */
const answerCommand = (number: number, value: string): string =>
  value.includes("\n") ? `/answer ${number}\n${value}` : `/answer ${number} ${value}`;

function openQuestion(doc: DecisionsDocument, decision: Decision): string {
  const number = threadNumberOf(doc, decision);
  const parts = [`**Question ${number}** — ${decision.question}`];
  if (decision.kind === "spec") {
    if (decision.options.length > 0)
      parts.push(`One of ${decision.options.map((option) => inlineCode(option)).join(", ")}.`);
    parts.push(`For example:\n\n${fencedCode(answerCommand(number, decision.recommendation), "text")}`);
    return parts.join("\n\n");
  }
  if (decision.options.length > 0)
    parts.push(decision.options.map((option, index) => `${index + 1}. ${option}`).join("\n"));
  parts.push(`Recommended: ${decision.recommendation}`);
  const example = decision.options.length > 0 ? `/answer ${number} 1` : `/answer ${number} <your answer>`;
  parts.push(`For example:\n\n${fencedCode(example, "text")}`);
  return parts.join("\n\n");
}

const settledLine = (doc: DecisionsDocument, decision: Decision): string => {
  const name = decision.field !== undefined ? ` (${inlineCode(decision.field, 40)})` : "";
  return `- Question ${threadNumberOf(doc, decision)}${name}: answered by @${decision.answer?.by ?? "?"}: ${inlineCode(decision.answer?.text ?? "", 120)}`;
};

/**
 * The questions comment of one task and kind in one thread, from `ops/decisions.jsonl` as it is
 * (so an answer, a redelivery or a re-ask renders the same comment again): the open questions
 * with their thread numbers, choices, recommendation and a ready-to-copy `/answer`; the answered
 * ones as one line each; withdrawn ones not at all.
 */
export function renderQuestionsComment(
  doc: DecisionsDocument,
  kind: DecisionKind,
  decisions: readonly Decision[],
): string {
  const open = decisions.filter(isOpen);
  const answered = decisions.filter((decision) => decision.answer !== undefined);
  const parts = [open.length > 0 ? lead[kind].open(open.length) : lead[kind].settled];
  parts.push(...open.map((decision) => openQuestion(doc, decision)));
  if (answered.length > 0)
    parts.push(["Answered:", ...answered.map((decision) => settledLine(doc, decision))].join("\n"));
  if (open.length > 0) parts.push(`${howToAnswer[kind]} ${who}`);
  return parts.join("\n\n");
}
