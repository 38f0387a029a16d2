export { branchRefusedReason, draftRefusedReason, planDispatch } from "./plan-dispatch.js";
export type { DispatchInput, DispatchIssue, DispatchPlan, PlannedEntry } from "./plan-dispatch.js";
export { blockedComment, pullRequestBody, pullRequestTitle, questionsComment } from "./dispatch-texts.js";
export {
  describeSpecChange,
  diffSpec,
  hasRecordedSpec,
  issueSpecChange,
  keepRecordedSpec,
  specEditRefusedComment,
} from "./spec-change.js";
export type { SpecFieldChange } from "./spec-change.js";
export {
  classifyStartFailure,
  dispatchFingerprint,
  isRateLimited,
  refusalFix,
  startRefusedComment,
} from "./agent-start-refusal.js";
export type { StartFailure, StartOutcome, StartRequest } from "./agent-start-refusal.js";
export { agentDeliverySection, agentDeliverySteps, type DeliveryInput } from "./agent-delivery.js";
export { knownWorkItems, workItemProblem } from "./work-item-problem.js";
export type { KnownWorkItems } from "./work-item-problem.js";
