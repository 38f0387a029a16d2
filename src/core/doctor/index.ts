export { judgeWorkflow } from "./judge-workflow.js";
export type { DoctorCheck, WorkflowExpectation } from "./judge-workflow.js";
