import { z } from "zod";
import { queueStatusSchema } from "../queue/queue-status.js";
import { reviewDecisionSchema, severitySchema } from "./review-schemas.js";

/**
 * The machine-readable result kept in the sticky comment's hidden block: what the next review
 * needs (head SHA and config hash, so the same diff is never reviewed twice; the open findings'
 * fingerprints, so a later push reports each once) and what other workflows read (the decision).
 */

export const reviewCallSchema = z.object({
  role: z.enum(["assistant_manager", "manager", "tie_break"]),
  provider: z.enum(["anthropic", "openai", "scripted"]),
  model: z.string(),
  input_tokens: z.number().int().nonnegative(),
  output_tokens: z.number().int().nonnegative(),
  /** null when no price is configured for the model */
  cost_usd: z.number().nonnegative().nullable(),
  outcome: z.enum(["ok", "repaired", "malformed", "error", "timeout", "over_budget"]),
  latency_ms: z.number().int().nonnegative().optional(),
});
export type ReviewCall = z.output<typeof reviewCallSchema>;

export const fingerprintedFindingSchema = z.object({
  fingerprint: z.string(),
  kind: z.enum(["risk", "missing_deliverable", "test_gap", "followup"]),
  severity: severitySchema.nullable(),
  file: z.string().nullable(),
  text: z.string(),
});

export const omissionSchema = z.object({
  filename: z.string(),
  reason: z.enum([
    "lockfile",
    "generated",
    "vendored",
    "minified",
    "binary",
    "no_patch",
    "budget",
    "cut",
    "not_listed",
  ]),
  detail: z.string().optional(),
});

export const criterionRecordSchema = z.object({
  number: z.number().int().positive(),
  verdict: z.enum(["met", "not_met", "unverifiable"]),
  waived: z.boolean(),
  /** `file` or `file:line` where the change shows it met */
  evidence: z.array(z.string()),
});

export const reviewRecordSchema = z.object({
  version: z.literal(1),
  head_sha: z.string(),
  config_hash: z.string(),
  status: z.enum(["complete", "incomplete"]),
  decision: reviewDecisionSchema.nullable(),
  decided_by: z.enum(["manager", "tie_break"]).nullable(),
  recommended_status: queueStatusSchema.nullable(),
  reason: z.string().nullable(),
  conclusion: z.enum(["success", "failure", "neutral"]),
  may_merge: z.boolean(),
  coverage: z.enum(["full", "partial"]),
  gates_green: z.boolean(),
  findings: z.array(fingerprintedFindingSchema),
  resolved: z.array(fingerprintedFindingSchema),
  omitted: z.array(omissionSchema),
  omitted_count: z.number().int().nonnegative(),
  calls: z.array(reviewCallSchema),
  /** each acceptance criterion as the deciding pass judged it (absent in records written before it existed) */
  criteria: z.array(criterionRecordSchema).optional(),
  /** `changeFingerprint` of the reviewed change: a later head with the same one keeps this review */
  change_fingerprint: z.string().optional(),
  /** a hash of the owners' waivers and dismissals the review applied: new ones mean a new review */
  owner_decisions: z.string().optional(),
  /** set when the review was carried over from an earlier head whose change was the same */
  carried_from: z.string().optional(),
  /**
   * whether this review put (or was about to put) a line review on the PR: written before it is
   * posted, so the next review knows whether an outdated one may need hiding without listing the
   * PR's reviews (absent in records written before it existed: unknown, so the reviews are read)
   */
  line_reviews: z.boolean().optional(),
  /**
   * a task's model reviews so far, this one included (carried over: as the record it came from):
   * counted with the app's review runs on the PR's commits, since a force push takes commits, and
   * their runs, out of the PR (trusted only while the seal holds; absent in older records)
   */
  reviews: z.number().int().nonnegative().optional(),
  /**
   * when the review was made (ISO 8601; a carried-over record keeps the time of the review it
   * carries): the dashboard's health orders reviews by it, not by when their comment last changed,
   * which any writer's edit moves (absent in older records)
   */
  reviewed_at: z.string().optional(),
  /**
   * the app's signature of everything above and the pull request it is on (`record-seal.ts`): what
   * tells the app's own record from one a writer edited (absent in records written before it existed)
   */
  seal: z.string().optional(),
});
export type ReviewRecord = z.output<typeof reviewRecordSchema>;

const open = "<!-- autopilot:review-json\n";
const close = "\n-->";

/**
 * The hidden block. `<`, `>` and `&` are written as JSON `\u` escapes, so no string in it (all
 * of which may come from a model or the pull request) can end the HTML comment early.
 */
export function serializeReviewRecord(record: ReviewRecord): string {
  const json = JSON.stringify(record).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
  return `${open}${json}${close}`;
}

/**
 * The hidden block of a review comment, as it stands (the seal included), or undefined when it has
 * none: the review's check run keeps a copy, which only the app can write.
 */
export function reviewRecordBlock(body: string): string | undefined {
  const start = recordStart(body);
  return start === -1 ? undefined : body.slice(start);
}

/**
 * Where the hidden block starts: the last opening marker, with its newline. The app writes the
 * block at the end of the comment; text shown above it (a file path in a code span, which a model
 * or the change names) may hold the marker's words, never its line break.
 */
export function recordStart(body: string): number {
  return body.lastIndexOf(open);
}

/**
 * The record in a sticky review comment (or in the text of the app's review check run), or
 * undefined when there is none or it does not parse.
 */
export function parseReviewComment(rawBody: string): ReviewRecord | undefined {
  const body = rawBody.replace(/\r\n?/g, "\n");
  const start = recordStart(body);
  if (start === -1) return undefined;
  const end = body.indexOf(close, start + open.length);
  if (end === -1) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body.slice(start + open.length, end));
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  const parsed = reviewRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
