export { planDispatch } from "./plan-dispatch.js";
export type { DispatchInput, DispatchIssue, DispatchPlan, PlannedEntry } from "./plan-dispatch.js";
export { blockedComment, pullRequestBody, pullRequestTitle, questionsComment } from "./dispatch-texts.js";
