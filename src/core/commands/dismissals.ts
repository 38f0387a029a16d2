import type { Decision } from "./decisions.js";
import { type DecisionsDocument, listDecisions } from "./parse-decisions.js";
import { recordAnswer, recordQuestion } from "./record-decisions.js";

/** A review finding an owner dismissed with `/dismiss`, as `ops/decisions.jsonl` keeps it. */
export interface Dismissal {
  fingerprint: string;
  text: string;
  file: string | null;
  /** the PR's change to the file when it was dismissed (`changeFingerprint`); another one means the code changed */
  change: string | null;
  reason: string;
  by: string;
}

export interface DismissalInput {
  task: string;
  pr: number;
  /** the id of the `/dismiss` comment */
  comment: number;
  delivery: string | null;
  finding: { fingerprint: string; text: string; file: string | null; change: string | null };
  reason: string;
  by: string;
  at: string;
}

/**
 * Records a dismissal as a decision asked and answered at once (`kind: dismissal`), so the
 * decisions file says who set a finding aside, when and why. The same finding dismissed again on
 * the same code records nothing new; a redelivered `/dismiss` neither.
 */
export function recordDismissal(
  doc: DecisionsDocument,
  input: DismissalInput,
): { doc: DecisionsDocument; decision: Decision; created: boolean } | { error: string } {
  return recordOwnerDecision(
    doc,
    input,
    {
      kind: "dismissal",
      question: `Dismiss the review finding ${input.finding.fingerprint}: ${input.finding.text}`,
      option: "dismiss",
      fields: { finding: input.finding },
    },
    (recorded) =>
      recorded.finding?.fingerprint === input.finding.fingerprint && recorded.finding.change === input.finding.change,
  );
}

/** The task's dismissals, oldest first. */
export function dismissalsOf(doc: DecisionsDocument, task: string): Dismissal[] {
  return listDecisions(doc).flatMap((decision) =>
    decision.kind === "dismissal" &&
    decision.task === task &&
    decision.finding &&
    decision.answer &&
    !decision.withdrawn
      ? [{ ...decision.finding, reason: decision.answer.text, by: decision.answer.by }]
      : [],
  );
}

/**
 * The dismissal that covers a finding: same fingerprint, and the code it points at unchanged (the
 * PR's change to the file the same as when it was dismissed; a finding on no file stays dismissed).
 */
export function dismissalFor(
  finding: { fingerprint: string },
  dismissals: readonly Dismissal[],
  changeOf: (file: string) => string | undefined,
): Dismissal | undefined {
  return dismissals.find(
    (dismissal) =>
      dismissal.fingerprint === finding.fingerprint &&
      (dismissal.file === null || changeOf(dismissal.file) === dismissal.change),
  );
}

export interface WaiverInput {
  task: string;
  pr: number;
  comment: number;
  delivery: string | null;
  /** the criterion's number in the spec, and its text */
  criterion: number;
  text: string;
  reason: string;
  by: string;
  at: string;
}

/**
 * Records an owner's waiver of one acceptance criterion (`kind: waiver`, asked and answered at
 * once): the review may accept without it shown met. Waiving it again records nothing new.
 */
export function recordWaiver(
  doc: DecisionsDocument,
  input: WaiverInput,
): { doc: DecisionsDocument; decision: Decision; created: boolean } | { error: string } {
  return recordOwnerDecision(
    doc,
    input,
    {
      kind: "waiver",
      question: `Waive acceptance criterion ${input.criterion}: ${input.text}`,
      option: "waive",
      fields: { criterion: input.criterion },
    },
    (recorded) => recorded.criterion === input.criterion && !recorded.withdrawn,
  );
}

/** The numbers of the task's waived acceptance criteria. */
export function waivedCriteria(doc: DecisionsDocument, task: string): number[] {
  return listDecisions(doc).flatMap((decision) =>
    decision.kind === "waiver" &&
    decision.task === task &&
    decision.answer &&
    !decision.withdrawn &&
    decision.criterion !== undefined
      ? [decision.criterion]
      : [],
  );
}

/** What an owner decided in one command: a decision asked and answered at once. */
interface OwnerDecision {
  task: string;
  pr: number;
  comment: number;
  delivery: string | null;
  reason: string;
  by: string;
  at: string;
}

/**
 * Appends `kind` as a decision asked and answered at once (the owner's command is both), unless
 * `same` finds it recorded already.
 */
function recordOwnerDecision(
  doc: DecisionsDocument,
  input: OwnerDecision,
  decision: { kind: "dismissal" | "waiver"; question: string; option: string; fields: Partial<Decision> },
  same: (recorded: Decision) => boolean,
): { doc: DecisionsDocument; decision: Decision; created: boolean } | { error: string } {
  const existing = listDecisions(doc).find(
    (recorded) => recorded.kind === decision.kind && recorded.task === input.task && same(recorded),
  );
  if (existing) return { doc, decision: existing, created: false };
  const asked = recordQuestion(doc, {
    task: input.task,
    kind: decision.kind,
    question: decision.question,
    options: [decision.option],
    recommendation: "the owner's call",
    asked_at: input.at,
    asked_in: { pr: input.pr, comment: input.comment },
    ...decision.fields,
  });
  if (!asked.ok) return { error: asked.reason };
  const answered = recordAnswer(asked.doc, asked.decision.id, {
    text: input.reason,
    by: input.by,
    at: input.at,
    delivery: input.delivery,
    comment: input.comment,
  });
  if (!answered.ok) return { error: answered.reason };
  return { doc: answered.doc, decision: answered.decision, created: true };
}
