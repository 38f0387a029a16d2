export { refreshDashboard } from "./refresh-dashboard.js";
export { gatherHealth } from "./gather-health.js";
export { dispatchHold, startsNewWork } from "./dispatch-hold.js";
export { sweepStaleTasks } from "./stale-sweeper.js";
