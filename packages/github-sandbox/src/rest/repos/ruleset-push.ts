import { SandboxHttpError } from "../../http/index.js";
import type { BranchProtectionState, RepoState } from "../../state/index.js";
import {
  bringsMergeCommit,
  pushRuleViolations,
  ruleMessages,
  ruleViolationMessage,
} from "../../state/rules/push-rules.js";
import type { RuleWriter } from "../../state/rulesets.js";

/** `protected-push.ts`'s `PushAttempt`, restated to keep the two files out of an import cycle. */
interface PushAttempt {
  ref: string;
  after: string | undefined;
  forced: boolean;
  rulesetStatus?: 409;
}

/**
 * 422 (409 from the contents API and `POST /merges`) when active rulesets' push rules refuse the
 * write: deleting, creating, updating or force-pushing a branch they restrict, or bringing a
 * merge commit onto a branch that requires linear history. Rulesets bind admins and apps alike,
 * but for an app a ruleset's bypass list names (`by`).
 */
export async function assertPushRules(repo: RepoState, push: PushAttempt, by: RuleWriter): Promise<void> {
  const before = await repo.git.getRef(push.ref);
  const violations = await pushRuleViolations(repo, { ...push, before }, by);
  if (violations.length > 0) throw new SandboxHttpError(push.rulesetStatus ?? 422, ruleViolationMessage(violations));
}

/**
 * A new branch under rulesets, as `POST /git/refs` (and GraphQL's `createRef`) answers it: a
 * `creation` rule makes GitHub's plain 422 "Reference update failed"; other violations (a merge
 * commit under `required_linear_history`) are listed as for any push.
 */
export async function assertCreateRules(repo: RepoState, ref: string, sha: string, by: RuleWriter): Promise<void> {
  // an existing ref is "Reference already exists", whatever the rules say
  if ((await repo.git.getRef(ref)) !== undefined) return;
  const violations = await pushRuleViolations(repo, { ref, before: undefined, after: sha, forced: false }, by);
  if (violations.includes(ruleMessages.creation)) throw new SandboxHttpError(422, "Reference update failed");
  if (violations.length > 0) throw new SandboxHttpError(422, ruleViolationMessage(violations));
}

/**
 * Classic protection's `required_linear_history` on a push: 422 when the new commits hold a merge
 * commit. The wording is git's push refusal under it (GH006), the best reading for the REST answer.
 */
export async function assertClassicLinearHistory(
  repo: RepoState,
  protection: BranchProtectionState,
  push: PushAttempt,
): Promise<void> {
  if (!protection.requiredLinearHistory || push.after === undefined) return;
  const before = await repo.git.getRef(push.ref);
  if (await bringsMergeCommit(repo, before, push.after)) throw new SandboxHttpError(422, ruleMessages.linearHistory);
}
