export { decideMerge } from "./decide-merge.js";
export { gateNames, reviewCheckName, waitingWords } from "./merge-input.js";
export type {
  ApprovalReview,
  CheckConclusion,
  CheckState,
  CheckStatus,
  GateName,
  MergeDecisionResult,
  MergeInput,
  MergePull,
  NamedCheckState,
} from "./merge-input.js";
export { policyCell } from "./policy-cell.js";
export type { PolicyCell } from "./policy-cell.js";
export { changesRequestedBy, countApprovals } from "./count-approvals.js";
export { mergeQueueLogin, normalizeLogin } from "./normalize-login.js";
export type { ApprovalCount, ApprovalInput } from "./count-approvals.js";
export { checkProblem, requiredCheckProblems } from "./check-problems.js";
export type { CheckProblem } from "./check-problems.js";
export { ownerCoverageProblems } from "./owner-coverage.js";
export { renderRejectionNotice } from "./rejection-notice.js";
export type { RejectionNoticeInput } from "./rejection-notice.js";
export { changeAccounts, declaredAccounts } from "./change-accounts.js";
export type { ChangeAccountsInput } from "./change-accounts.js";
export { ignoredBecause, requiredCheckOf, selectRequiredChecks } from "./required-checks.js";
export type { CheckSource, FoundCheck, RequiredCheck, RequiredCheckEntry } from "./required-checks.js";
export { protectionBlockers, renderProtectionNotice } from "./protection-blockers.js";
export type {
  KnownProtection,
  ProtectionBlocker,
  ProtectionBlockerKind,
  ProtectionBlockersInput,
  ProtectionNoticeInput,
  ProtectionRules,
} from "./protection-blockers.js";
export {
  allowedMergeMethods,
  configuredMethodRefusal,
  forbiddenMergeMethods,
  noMergeMethodRefusal,
} from "./merge-methods.js";
export type { MergeMethodFacts } from "./merge-methods.js";
export {
  openThreadOf,
  ownThread,
  rulesRequireResolution,
  settledWithoutStanding,
  unresolvedThreads,
} from "./review-threads.js";
export type { OpenThread, ReviewThreadView, SettledThread } from "./review-threads.js";
export { refusedForPushAccess } from "./push-access.js";
export { hasDismissedReview, mayLiftObjection, reinstateObjections } from "./dismissed-objections.js";
export type { OverruledDismissal, ReviewDismissal } from "./dismissed-objections.js";
