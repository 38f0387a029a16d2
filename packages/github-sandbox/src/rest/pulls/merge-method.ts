import { SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import type { RepoState } from "../../state/index.js";
import { mergeMethodRefusal, type MergeMethod } from "../../state/merge-settings.js";
import { mergeRuleViolations, ruleMessages, ruleViolationMessage } from "../../state/rules/push-rules.js";
import type { RestContext } from "../rest-context.js";
import { bypassesProtection, ruleWriterOf } from "../repos/protected-push.js";

/**
 * What the repository and its base branch say about how a pull request may merge, checked before
 * reviews and checks (405): the repository's merge settings ("Merge commits are not allowed on
 * this repository."), then active rulesets' `update` and `required_linear_history` rules (for
 * admins and apps alike, but for an app their bypass lists name), then classic protection's `required_linear_history`, which a repository
 * admin passes when `enforce_admins` is off. GitHub's order between these is not documented: this
 * is the best reading. So is the classic refusal's wording, which is the one git's pushes get.
 */
export function assertMergeMethodAllowed(
  ctx: RestContext,
  request: SandboxRequest,
  repo: RepoState,
  base: string,
  method: MergeMethod,
): void {
  const refusal = mergeMethodRefusal(repo.mergeSettings, method);
  if (refusal !== undefined) throw new SandboxHttpError(405, refusal);
  const violations = mergeRuleViolations(repo, base, method, ruleWriterOf(ctx, request.principal, true));
  if (violations.length > 0) throw new SandboxHttpError(405, ruleViolationMessage(violations));
  const protection = repo.protections.get(base);
  if (!protection?.requiredLinearHistory || method !== "merge") return;
  if (!bypassesProtection(ctx, repo, request.principal, protection))
    throw new SandboxHttpError(405, ruleMessages.linearHistory);
}
