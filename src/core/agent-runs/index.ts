export type { AgentRunRecord, AgentRunView, RetryPolicy } from "./agent-run-view.js";
export { isOwnAgentRun, type OwnRunCriteria } from "./is-own-agent-run.js";
export { decideRunFollowUp, isFailedRun, retryDelayMs, type RunFollowUp } from "./decide-run-follow-up.js";
export { defaultLogTail, fenceUntrusted, logTail, type LogTailLimits } from "./log-tail.js";
export {
  agentRunComment,
  failedRunComment,
  failedRunReason,
  failedRunReasonPrefix,
  isFailedRunHeld,
  handOverComment,
  runLink,
  staleRunReason,
  type FailedRunReport,
} from "./agent-run-texts.js";
