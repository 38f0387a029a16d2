export { Sandbox } from "./sandbox.js";
export type { SandboxInfo, SandboxOptions } from "./sandbox.js";
export { scaledThrottle, startAppOnSandbox } from "./start-app.js";
export type { ConnectedApp, StartAppOptions, ThrottleTiming } from "./start-app.js";
export { widgetsFiles } from "./seed/widgets-files.js";
export { WorkflowRunControl } from "./rest/actions/workflow-run-control.js";
export type { RunConclusion } from "./rest/actions/workflow-run-lifecycle.js";
export { MergeQueue, mergeQueueBotLogin } from "./queue/merge-queue.js";
export { mergeQueueRuleset, type RulesetCheck } from "./queue/merge-queue-ruleset.js";
