import { z } from "zod";
import { orderKeys, setOwn } from "../jsonl/record-keys.js";
import { taskIdSchema } from "../task/task-spec.js";

/*
 * `ops/decisions.jsonl`: one line per question Autopilot asked an owner, with the answer once
 * given. Append-only in spirit: a line changes only when its question is answered. As in the
 * queue, no schema transforms a value, and unknown fields are allowed so a newer app's fields
 * survive an older app's rewrite.
 */

export const questionIdPattern = /^Q-[1-9]\d*$/;
/** Where the file lives on the default branch. */
export const decisionsPath = "ops/decisions.jsonl";
export const questionIdFor = (number: number): string => `Q-${number}`;

const answerShape = {
  text: z.string().min(1),
  by: z.string().min(1).describe("GitHub login of who answered"),
  at: z.iso.datetime({ offset: true }),
  delivery: z
    .string()
    .min(1)
    .nullable()
    .describe("X-GitHub-Delivery id of the comment webhook; a redelivery with the same id records nothing new"),
  comment: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("id of the comment that answered; the same comment again records nothing new"),
};

const withdrawnShape = {
  at: z.iso.datetime({ offset: true }),
  reason: z.string().min(1),
};

const askedInShape = {
  issue: z.number().int().positive().optional(),
  pr: z.number().int().positive().optional(),
  comment: z.number().int().positive().describe("id of the comment that asked"),
};

const decisionShape = {
  id: z.string().regex(questionIdPattern, "must look like Q-3"),
  task: taskIdSchema,
  kind: z
    .enum(["spec", "review", "merge", "dismissal", "waiver"])
    .describe(
      "what the question blocks: the spec, a review verdict, a merge; `dismissal`: an owner's `/dismiss` of a review finding, asked and answered at once",
    ),
  question: z.string().min(1),
  options: z.array(z.string().min(1)),
  recommendation: z.string().min(1).describe("what Autopilot would choose, and why"),
  asked_at: z.iso.datetime({ offset: true }),
  asked_in: z.looseObject(askedInShape).refine((where) => (where.issue === undefined) !== (where.pr === undefined), {
    message: "name exactly one of issue or pr",
  }),
  number: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("the question's number in its thread, as the questions comment shows it and `/answer <n>` names it"),
  field: z.string().min(1).optional().describe("spec questions: the task-spec field the answer is the value of"),
  answer: z.looseObject(answerShape).optional(),
  finding: z
    .looseObject({
      fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
      text: z.string().min(1),
      file: z.string().min(1).nullable(),
      /** the PR's change to that file when it was dismissed (`changeFingerprint`): once it differs, the finding may come back */
      change: z.string().min(1).nullable(),
    })
    .optional()
    .describe("dismissals: the review finding dismissed"),
  criterion: z.number().int().positive().optional().describe("waivers: the number of the acceptance criterion waived"),
  withdrawn: z
    .looseObject(withdrawnShape)
    .optional()
    .describe("set when the question no longer needs an answer (the owner fixed the issue another way)"),
};

/** One line of `ops/decisions.jsonl`. */
export const decisionSchema = z.looseObject(decisionShape);

export type DecisionAnswer = z.output<z.ZodObject<typeof answerShape>>;
export type DecisionKind = z.output<typeof decisionShape.kind>;
/** Typed without the loose index signature; unknown fields are present at runtime. */
export type DecisionWithdrawal = z.output<z.ZodObject<typeof withdrawnShape>>;
export type Decision = Omit<z.output<z.ZodObject<typeof decisionShape>>, "asked_in" | "answer" | "withdrawn"> & {
  asked_in: z.output<z.ZodObject<typeof askedInShape>>;
  answer?: DecisionAnswer;
  withdrawn?: DecisionWithdrawal;
};

const decisionKeys = Object.keys(decisionShape);
const askedInKeys = Object.keys(askedInShape);
const answerKeys = Object.keys(answerShape);
const withdrawnKeys = Object.keys(withdrawnShape);

/** The decision with the stable key order, nested objects included. */
export function canonicalDecision(decision: Decision): Decision {
  const out = orderKeys(decision, decisionKeys);
  setOwn(out, "asked_in", orderKeys(decision.asked_in, askedInKeys));
  if (decision.answer !== undefined) setOwn(out, "answer", orderKeys(decision.answer, answerKeys));
  if (decision.withdrawn !== undefined) setOwn(out, "withdrawn", orderKeys(decision.withdrawn, withdrawnKeys));
  return out as unknown as Decision;
}

/** The single-line JSON of a decision, as written to the file. */
export const stringifyDecision = (decision: Decision): string => JSON.stringify(canonicalDecision(decision));
