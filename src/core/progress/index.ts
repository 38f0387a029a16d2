export { renderProgress } from "./render-progress.js";
export type { ProgressOptions } from "./render-progress.js";
export { dashboardMarker, isDashboardBody, renderDashboard } from "./render-dashboard.js";
export type { DashboardInput, PendingApproval } from "./render-dashboard.js";
export {
  dashboardStateLine,
  nextDashboardState,
  parseDashboardState,
  sameDashboard,
  sealDashboardState,
  trustedDashboardState,
} from "./dashboard-state.js";
export type { DashboardState } from "./dashboard-state.js";
export { assessHealth, reviewErrorsForRed } from "./assess-health.js";
export type { BranchCi, Health, HealthInput, HealthLevel, ReviewRunStatus } from "./assess-health.js";
export { branchCiOf } from "./branch-ci.js";
export type { BranchCiResult, CheckRunFacts, CombinedStatusFacts } from "./branch-ci.js";
export {
  isStale,
  isStaleHeld,
  isStaleMove,
  latestTime,
  staleComment,
  staleMoveReason,
  staleReasonPrefix,
  stuckTasks,
} from "./stale-tasks.js";
export { queueChanges } from "./queue-changes.js";
export type { QueueChange } from "./queue-changes.js";
export { recentTransitions } from "./recent-transitions.js";
export type { TaskTransition } from "./recent-transitions.js";
export { cellText, countByStatus } from "./progress-format.js";
export { progressPath, renderRecords } from "./render-records.js";
export type { RecordsInput } from "./render-records.js";
