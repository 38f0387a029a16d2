import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { registerBranchProtectionHandlers } from "./branch-protection.js";
import { registerBranchHandlers } from "./branches.js";
import { registerCollaboratorHandlers } from "./collaborators.js";
import { registerCommitHandlers } from "./commits.js";
import { registerCompareHandlers } from "./compare.js";
import { registerContentReadHandlers } from "./contents-read.js";
import { registerContentWriteHandlers } from "./contents-write.js";
import { registerGitObjectHandlers } from "./git-objects.js";
import { registerGitRefHandlers } from "./git-refs.js";
import { registerInvitationHandlers } from "./invitations.js";
import { registerMergeHandlers } from "./merges.js";
import { registerRepositoryHandlers } from "./repository.js";
import { registerRepositorySettingsHandlers } from "./repository-settings.js";
import { registerRestrictionListHandlers } from "./restriction-lists.js";
import { registerRulesetHandlers } from "./rulesets.js";

/** The repository itself, its git data, contents, branches, commits, compare and collaborators. */
export function registerRepoHandlers(server: HandlerRegistry, ctx: RestContext): void {
  registerRepositoryHandlers(server, ctx);
  registerRepositorySettingsHandlers(server, ctx);
  registerGitObjectHandlers(server, ctx);
  registerGitRefHandlers(server, ctx);
  registerContentReadHandlers(server, ctx);
  registerContentWriteHandlers(server, ctx);
  registerBranchHandlers(server, ctx);
  registerBranchProtectionHandlers(server, ctx);
  registerRestrictionListHandlers(server, ctx);
  registerRulesetHandlers(server, ctx);
  registerCommitHandlers(server, ctx);
  registerCompareHandlers(server, ctx);
  registerCollaboratorHandlers(server, ctx);
  registerInvitationHandlers(server, ctx);
  registerMergeHandlers(server, ctx);
}
