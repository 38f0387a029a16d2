export { judgeWorkflow } from "./judge-workflow.js";
export type { DoctorCheck, WorkflowExpectation } from "./judge-workflow.js";
export { judgePermissions, neededEvents, neededPermissions } from "./judge-permissions.js";
export type { PermissionLevel, PermissionNeed, PermissionsContext } from "./judge-permissions.js";
export { judgeMention } from "./judge-mention.js";
export { judgeStateRules } from "./judge-state-rules.js";
export { judgeMergeQueueChecks } from "./judge-merge-queue-checks.js";
export type { BranchRule } from "./judge-state-rules.js";
export { judgeStateProtection } from "./judge-state-protection.js";
