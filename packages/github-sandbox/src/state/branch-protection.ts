/** A required status check: a context name, pinned to one app's check runs or statuses when `appId` is set. */
export interface RequiredCheck {
  context: string;
  /** null: any app (or a commit status from anyone) may satisfy it */
  appId: number | null;
}

/** What `PUT /branches/{branch}/protection` set on one branch (classic branch protection). */
export interface BranchProtectionState {
  requiredStatusChecks: { strict: boolean; checks: RequiredCheck[] } | null;
  enforceAdmins: boolean;
  requiredReviews: {
    count: number;
    codeOwners: boolean;
    dismissStale: boolean;
    lastPushApproval: boolean;
  } | null;
  /** who may push at all (organisation repositories on GitHub); null: anyone with write access */
  restrictions: { users: string[] } | null;
  allowForcePushes: boolean;
  allowDeletions: boolean;
  requiredLinearHistory: boolean;
  requiredConversationResolution: boolean;
  lockBranch: boolean;
}
