export { githubActionsApp, SandboxState } from "./sandbox-state.js";
export type {
  AccountPlan,
  CreateRepoOptions,
  OtherInstallation,
  SandboxAppInfo,
  SandboxStateOptions,
} from "./sandbox-state.js";
export { commitEmailOf, legacyNodeId } from "./sandbox-user.js";
export type { SandboxUser } from "./sandbox-user.js";
export type * from "./repo-state.js";
export { followGoneIssue, moveIssue, removeIssue } from "./issue-moves.js";
export type { TransferredParts } from "./issue-moves.js";
export { githubDiffLimits } from "./diff-limits.js";
export type { DiffLimits } from "./diff-limits.js";
export { anchorComment, followLine, parsePatch, toSentence } from "./diff-anchors.js";
export type { Anchor, AnchorRequest, DiffSide, PatchLine } from "./diff-anchors.js";
export { editBody, lastBodyEdit } from "./body-edits.js";
export { isSuspended, notSuspended, shownSuspension } from "./installation-suspension.js";
export type { InstallationSuspension } from "./installation-suspension.js";
