import type { Principal } from "../../auth/index.js";
import { SandboxHttpError } from "../../http/index.js";
import type { BranchProtectionState, RepoState } from "../../state/index.js";
import { requiredChecksMessage, requiredChecksOn } from "../../state/required-checks.js";
import { activeRulesFor, rulesetRequiredChecks, type RuleWriter } from "../../state/rulesets.js";
import { assertPushRules, assertClassicLinearHistory } from "./ruleset-push.js";
import { pullRequestRuleOf, throughPullRequestLine } from "../../state/rules/pull-request-rule.js";
import { ruleViolationMessage } from "../../state/rules/push-rules.js";
import type { RestContext } from "../rest-context.js";

/** A ref write about to happen; `after` undefined deletes the ref. */
export interface PushAttempt {
  ref: string;
  after: string | undefined;
  forced: boolean;
  /** the contents API and `POST /merges` answer a push rule's refusal (`ruleset-push.ts`) with 409, the refs API 422 */
  rulesetStatus?: 409;
}

const refused = (message: string): SandboxHttpError => new SandboxHttpError(422, message);

/**
 * Whether branch protection lets this caller skip its rules: a repository admin when
 * `enforce_admins` is off. No app is an admin, so an installation never does (classic protection's
 * bypass lists are not modelled; rulesets' are, through `ruleWriterOf`).
 */
export function bypassesProtection(
  ctx: RestContext,
  repo: RepoState,
  principal: Principal,
  protection: BranchProtectionState,
): boolean {
  if (protection.enforceAdmins || principal.kind !== "user") return false;
  return ctx.state.permissionOf(repo, principal.login) === "admin";
}

/**
 * Whether classic protection's `restrictions` let this caller push to the branch, pull request
 * merges included: no restrictions, a user they list, an installation of an app they list (by
 * slug), or whoever `bypassesProtection` lets through (GitHub: "People and apps with admin
 * permissions to a repository are always able to push"; no app is an admin in the sandbox).
 */
export function mayPushTo(
  ctx: RestContext,
  repo: RepoState,
  principal: Principal,
  protection: BranchProtectionState,
): boolean {
  const { restrictions } = protection;
  if (!restrictions || bypassesProtection(ctx, repo, principal, protection)) return true;
  const named = (list: string[], name: string | undefined): boolean =>
    name !== undefined && list.some((entry) => entry.toLowerCase() === name.toLowerCase());
  if (principal.kind === "user") return named(restrictions.users, principal.login);
  if (principal.kind !== "installation") return false;
  return named(restrictions.apps, ctx.state.appOfInstallation(principal.installationId)?.slug);
}

/** The caller as rulesets' bypass lists see it: the app of an installation token, or nobody listed. */
export function ruleWriterOf(ctx: RestContext, principal: Principal, merging: boolean): RuleWriter {
  const appId =
    principal.kind === "installation" ? ctx.state.appOfInstallation(principal.installationId)?.id : undefined;
  return { appId, merging };
}

/** The branches a merge queue builds its groups on: only the queue writes them. */
export const mergeQueueBranchPrefix = "gh-readonly-queue/";

/** 422 for a write (creation included) to a merge queue's branch, which only the queue makes. */
export function assertNotMergeQueueBranch(ref: string): void {
  if (ref.startsWith(`refs/heads/${mergeQueueBranchPrefix}`))
    throw refused("Cannot update this protected ref: the branch belongs to a merge queue.");
}

/**
 * A new branch, as active rulesets judge it: not a merge queue's, and at a commit whose required
 * checks passed, unless every rule requiring checks on it says `do_not_enforce_on_create`.
 */
export function assertRulesetsAllowCreate(repo: RepoState, ref: string, sha: string, by: RuleWriter): void {
  assertNotMergeQueueBranch(ref);
  if (!ref.startsWith("refs/heads/")) return;
  const checks = activeRulesFor(repo, ref.slice("refs/heads/".length), by).flatMap(({ rule }) =>
    rule.type === "required_status_checks" && rule.parameters.do_not_enforce_on_create !== true
      ? rule.parameters.required_status_checks.map((check) => ({
          context: check.context,
          appId: check.integration_id ?? null,
        }))
      : [],
  );
  const outcome = requiredChecksOn(repo, sha, checks);
  if (!outcome.satisfied) {
    throw refused(`Repository rule violations found\n\n${requiredChecksMessage(outcome, checks.length)}`);
  }
}

/**
 * What active rulesets refuse of an update of an existing branch (GitHub's "Repository rule
 * violations found"): a commit whose required status checks have not passed. The merge queue's
 * own branches are read-only to everyone.
 */
function assertRulesetsAllowPush(repo: RepoState, push: PushAttempt, by: RuleWriter): void {
  const branch = push.ref.slice("refs/heads/".length);
  assertNotMergeQueueBranch(push.ref);
  if (push.after === undefined) return;
  if (pullRequestRuleOf(repo, branch, by)) throw refused(ruleViolationMessage([throughPullRequestLine]));
  const required = rulesetRequiredChecks(repo, branch, by);
  if (!required) return;
  const outcome = requiredChecksOn(repo, push.after, required.checks);
  if (!outcome.satisfied) {
    throw refused(`Repository rule violations found\n\n${requiredChecksMessage(outcome, required.checks.length)}`);
  }
}

/**
 * Refuses, before anything moves, a direct write to a protected branch that GitHub would refuse
 * (422): deleting it, force-pushing, pushing when the branch requires a pull request, pushing a
 * commit whose required checks have not passed, pushing as someone `restrictions` leaves out
 * (`mayPushTo`: users and apps), bringing a merge commit under linear history; first what
 * rulesets' push rules refuse (`ruleset-push.ts`), leaving out the rulesets whose bypass list lets
 * the caller's app push. Merges through a pull request are judged by the merge rules instead
 * (`merge-pull.ts`, which asks `mayPushTo` too) and do not come here.
 */
export async function assertPushAllowed(
  ctx: RestContext,
  repo: RepoState,
  principal: Principal,
  push: PushAttempt,
): Promise<void> {
  if (!push.ref.startsWith("refs/heads/")) return;
  const by = ruleWriterOf(ctx, principal, false);
  await assertPushRules(repo, push, by);
  assertRulesetsAllowPush(repo, push, by);
  const protection = repo.protections.get(push.ref.slice("refs/heads/".length));
  if (!protection || bypassesProtection(ctx, repo, principal, protection)) return;
  if (push.after === undefined) {
    if (!protection.allowDeletions) throw refused("Cannot delete this protected branch");
    return;
  }
  if (push.forced && !protection.allowForcePushes) throw refused("Cannot force-push to this protected branch");
  if (protection.lockBranch) throw refused("Cannot update this protected ref: the branch is locked.");
  await assertClassicLinearHistory(repo, protection, push);
  if (!mayPushTo(ctx, repo, principal, protection)) throw refused("You're not authorized to push to this branch.");
  if (protection.requiredReviews) throw refused("Changes must be made through a pull request.");
  const checks = protection.requiredStatusChecks?.checks ?? [];
  const outcome = requiredChecksOn(repo, push.after, checks);
  if (!outcome.satisfied) throw refused(requiredChecksMessage(outcome, checks.length));
}
