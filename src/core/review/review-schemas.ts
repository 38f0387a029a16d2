import { z } from "zod";
import { queueStatusSchema } from "../queue/queue-status.js";
import { riskLevels } from "../task/task-spec.js";
import { strictJsonSchema } from "./strict-json-schema.js";
import type { JsonSchema } from "./strict-json-schema.js";

/**
 * What the two reviewers must answer, as zod schemas (parsing) and strict JSON Schemas (sent to
 * the vendor as the tool / response schema). The JSON Schema is the loose outline a model can
 * follow; the zod parse adds what JSON Schema strict mode cannot say (non-empty text, unique ids)
 * and is the only way model output enters the app: anything else is malformed.
 */

export const severities = riskLevels;
export const severitySchema = z.enum(severities);
export type Severity = z.infer<typeof severitySchema>;

const text = z.string().trim().min(1);
/** Nullable rather than optional (OpenAI strict mode); a missing value still parses as null. */
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().default(null);

export const evidenceSchema = z.object({
  file: text.describe("Repository path of the file, as in the diff."),
  line: nullable(z.number().int().positive()).describe("Line in the new version of the file, or null."),
});

export const riskFindingSchema = z.object({
  id: text.describe("Short id unique in this answer, e.g. R1."),
  severity: severitySchema,
  description: text.describe("What could go wrong and why, in one or two sentences."),
  evidence: z.array(evidenceSchema).describe("Where in the diff the risk shows."),
  // optional as well as nullable: a model (or an older record) that leaves it out means no suggestion
  suggestion: z
    .string()
    .nullable()
    .optional()
    .describe(
      "Only when the fix is small and certain: the replacement text for the first evidence line (GitHub offers it as a one-click suggestion); otherwise null.",
    ),
});

export const missingDeliverableSchema = z.object({
  criterion: text.describe("The acceptance criterion, quoted from the task spec."),
  why: text.describe("Why the change does not meet it."),
});

export const testGapSchema = z.object({
  description: text.describe("Behaviour that no test covers."),
  file: nullable(text).describe("The file the test should cover, or null."),
});

export const followupSchema = z.object({
  title: text.describe("Issue title for the follow-up."),
  body: text.describe("What to do and why."),
  blocking: z.boolean().describe("True when the pull request should not merge before it is done."),
});

export const assistantManagerFindingsSchema = z
  .object({
    risks: z.array(riskFindingSchema),
    missing_deliverables: z.array(missingDeliverableSchema),
    test_gaps: z.array(testGapSchema),
    followups: z.array(followupSchema),
  })
  .superRefine((findings, ctx) => {
    const seen = new Set<string>();
    findings.risks.forEach((risk, index) => {
      if (seen.has(risk.id)) {
        ctx.addIssue({ code: "custom", path: ["risks", index, "id"], message: `risk id ${risk.id} is used twice` });
      }
      seen.add(risk.id);
    });
  });

export const reviewDecisions = ["accept", "partial", "reject", "blocked"] as const;
export const reviewDecisionSchema = z.enum(reviewDecisions);
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

export const criterionVerdicts = ["met", "not_met", "unverifiable"] as const;
export type CriterionVerdictName = (typeof criterionVerdicts)[number];

export const criterionVerdictSchema = z.object({
  number: z
    .number()
    .int()
    .positive()
    .describe("The criterion's number in the task spec's list of acceptance criteria."),
  verdict: z
    .enum(criterionVerdicts)
    .describe(
      "met: the change does it, and the evidence shows where; not_met: it does not; unverifiable: what you were shown cannot tell.",
    ),
  evidence: z
    .array(evidenceSchema)
    .describe(
      "Where the diff shows the criterion met: the implementing lines, or the test that checks it. Empty unless met.",
    ),
  note: text.describe("One sentence: why this verdict."),
});

export const managerDecisionSchema = z.object({
  decision: reviewDecisionSchema.describe(
    "accept: meets the spec; partial: useful but incomplete; reject: wrong or unsafe; blocked: cannot proceed without the owner.",
  ),
  recommended_status: queueStatusSchema.describe("Queue status the task should move to."),
  next_actions: z.array(text).describe("Concrete steps for the agent or the owner."),
  summary: text.describe("Two or three sentences for the pull request comment."),
  reasons: z.array(text).min(1).describe("The reasons for the decision."),
  criteria: z
    .array(criterionVerdictSchema)
    .default([])
    .describe("One verdict per acceptance criterion of the task spec, by its number; empty when the spec lists none."),
});

export const tieBreakDecisionSchema = managerDecisionSchema.extend({
  resolves_risk_ids: z
    .array(text)
    .describe("Ids of the high or critical risks you judged resolved or harmless; leave out any you did not."),
});

export type Evidence = z.output<typeof evidenceSchema>;
export type RiskFinding = z.output<typeof riskFindingSchema>;
export type MissingDeliverable = z.output<typeof missingDeliverableSchema>;
export type TestGap = z.output<typeof testGapSchema>;
export type Followup = z.output<typeof followupSchema>;
export type AssistantManagerFindings = z.output<typeof assistantManagerFindingsSchema>;
export type ManagerDecision = z.output<typeof managerDecisionSchema>;
export type CriterionVerdict = z.output<typeof criterionVerdictSchema>;
export type TieBreakDecision = z.output<typeof tieBreakDecisionSchema>;

/**
 * What the LLM port needs to ask for one structured answer: a name for the schema (OpenAI's
 * `json_schema.name`, Anthropic's tool name), the JSON Schema, and a parser that throws a ZodError
 * on malformed output (its message is what a repair retry shows the model).
 */
export interface StructuredOutput<T> {
  schemaName: string;
  jsonSchema: JsonSchema;
  parse: (value: unknown) => T;
}

const structuredOutput = <S extends z.ZodType>(schemaName: string, schema: S): StructuredOutput<z.output<S>> => ({
  schemaName,
  jsonSchema: strictJsonSchema(schema),
  parse: (value) => schema.parse(value),
});

export const assistantManagerOutput = structuredOutput("assistant_manager_findings", assistantManagerFindingsSchema);
export const managerOutput = structuredOutput("manager_decision", managerDecisionSchema);
export const tieBreakOutput = structuredOutput("tie_break_decision", tieBreakDecisionSchema);
