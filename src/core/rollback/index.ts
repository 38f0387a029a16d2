export { checkRunFailed, reporterOf, statusFailed } from "./ci-failure.js";
export type { CiFailure } from "./ci-failure.js";
export { decideRollback, mergedByApp } from "./decide-rollback.js";
export type { MergedPullFacts, RollbackDecision, RollbackInput } from "./decide-rollback.js";
export { recordRevertPull, recordRollback } from "./record-rollback.js";
export type { RollbackMove } from "./record-rollback.js";
export { failingCheckText, revertPullText, rollbackIssueText } from "./rollback-texts.js";
export { rollbackSection } from "./rollback-section.js";
