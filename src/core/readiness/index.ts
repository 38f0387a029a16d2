export { assessReadiness, defaultBranchRows, readinessHoldReason } from "./assess-readiness.js";
export type { DefaultBranchFacts, Readiness, ReadinessFacts } from "./assess-readiness.js";
export type { DatedReadinessRow, ReadinessPrincipal, ReadinessResult, ReadinessRow } from "./readiness-row.js";
export {
  dateReadinessRows,
  parseReadinessRecord,
  readinessPath,
  serializeReadinessRecord,
} from "./readiness-record.js";
export type { ReadinessRecord } from "./readiness-record.js";
export { renderReadiness } from "./render-readiness.js";
export { foundChecks, latestStatuses, requiredCheckRows } from "./required-check-rows.js";
export type { HeadCheckRun, HeadStatus } from "./required-check-rows.js";
