// Structured answers the two reviewers must give
export {
  assistantManagerFindingsSchema,
  assistantManagerOutput,
  evidenceSchema,
  followupSchema,
  managerDecisionSchema,
  managerOutput,
  missingDeliverableSchema,
  reviewDecisions,
  reviewDecisionSchema,
  riskFindingSchema,
  severities,
  severitySchema,
  testGapSchema,
  tieBreakDecisionSchema,
  tieBreakOutput,
} from "./review-schemas.js";
export type {
  AssistantManagerFindings,
  Evidence,
  Followup,
  ManagerDecision,
  MissingDeliverable,
  ReviewDecision,
  RiskFinding,
  Severity,
  StructuredOutput,
  TestGap,
  TieBreakDecision,
} from "./review-schemas.js";
export { strictJsonSchema } from "./strict-json-schema.js";
export type { JsonSchema } from "./strict-json-schema.js";

// Untrusted text
export { fenceUntrusted, sanitizeUntrusted } from "./untrusted.js";
export type { UntrustedKind } from "./untrusted.js";

// Token budget
export { budgetDiff } from "./budget.js";
export type { BudgetDiffInput } from "./budget.js";
export { maxOmissionsInPrompt, renderBudgetedDiff } from "./budgeted-diff.js";
export type { BudgetedDiff, BudgetedFile, Omission, OmissionReason } from "./budgeted-diff.js";
export { isBinaryFile, lacksPatch, lowValueKind, lowValueOrder } from "./classify-file.js";
export type { LowValueKind } from "./classify-file.js";
export { splitHunks } from "./split-hunks.js";

// Prompts
export {
  assistantManagerPrompt,
  diffTokenBudget,
  managerPrompt,
  promptText,
  riskPaths,
  tieBreakPrompt,
} from "./prompts.js";
export type { PromptMessage, ReviewPrompt } from "./prompts.js";
export type { CiCheck, ReviewCommit, ReviewContext, ReviewTask, RepositoryInstruction } from "./review-context.js";

// Decision
export {
  blockingFollowups,
  finalDecision,
  highRiskIds,
  incompleteReview,
  judgeCriteria,
  needsTieBreak,
  reviewConclusion,
} from "./decide.js";
export type {
  CompleteReview,
  Coverage,
  DecidedBy,
  FinalDecisionInput,
  IncompleteReview,
  ReviewOutcome,
} from "./decide.js";

// Fingerprints
export {
  compareWithPrevious,
  fingerprintFindings,
  withoutDismissed,
  fingerprintOf,
  normalizedWords,
  rewordedThreshold,
} from "./fingerprints.js";
export type { FindingComparison, FindingKind, FingerprintedFinding } from "./fingerprints.js";

// The sticky comment
export { carryReviewComment, maxCommentLength, renderReviewComment, reviewRecord } from "./render-review-comment.js";
export type { ReviewCommentInput } from "./render-review-comment.js";
export {
  parseReviewComment,
  reviewCallSchema,
  reviewRecordBlock,
  reviewRecordSchema,
  serializeReviewRecord,
} from "./review-record.js";
export type { ReviewCall, ReviewRecord } from "./review-record.js";
export { modelReviewsAmong, noReviewTitle, reviewBudgetSpent } from "./review-budget.js";
export { hmacSigner, recordSealHolds, sealedAt, sealRecord, sealReviewComment } from "./record-seal.js";
export type { RecordSigner } from "./record-seal.js";
export { instructionFiles, repositoryInstructions } from "./repository-instructions.js";
export type { PathInstruction } from "./repository-instructions.js";
export { commentableLines, lineReviewMarker, riskLineComments } from "./line-comments.js";
export type { LineComment } from "./line-comments.js";
export { changeFingerprint } from "./change-fingerprint.js";
