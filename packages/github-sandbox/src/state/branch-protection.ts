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
  /**
   * Who may push, pull request merges included (organisation repositories only, as on GitHub):
   * user logins and app slugs; null: anyone with write access. The sandbox has no teams.
   */
  restrictions: { users: string[]; apps: string[] } | null;
  allowForcePushes: boolean;
  allowDeletions: boolean;
  requiredLinearHistory: boolean;
  requiredConversationResolution: boolean;
  lockBranch: boolean;
}
