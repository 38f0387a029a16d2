import type { MergeMethod } from "../../config/index.js";
import type { BranchRule } from "../../core/doctor/index.js";
import {
  allowedMergeMethods,
  configuredMethodRefusal,
  forbiddenMergeMethods,
  noMergeMethodRefusal,
  refusedForPushAccess,
} from "../../core/merge/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import { attemptMerge, type MergeAttempt } from "./attempt-merge.js";
import type { OpenThreads } from "./explain-blocked-merge.js";
import { resolveOwnThreads } from "./resolve-own-threads.js";

/**
 * What came of merging the way the repository allows: `attemptMerge`'s answers, a refusal that
 * may carry the review threads still holding it, or `method_refused` (an owner's to settle: the
 * configured method is not allowed, or none is), with the words for the owner.
 */
export type AllowedMergeAttempt =
  | Exclude<MergeAttempt, { kind: "refused" }>
  | (Extract<MergeAttempt, { kind: "refused" }> & { threads?: OpenThreads })
  | { kind: "method_refused"; reason: string };

/** The key of the repository in `AppServices.mergeMethods`. */
const repositoryKey = (ctx: ConfiguredContext): string => `${ctx.owner}/${ctx.repo}`;

/** The method GitHub should accept now: the configured one, else the one this repository accepted, else squash. */
const firstMethod = (ctx: ConfiguredContext, configured: MergeMethod | undefined): MergeMethod =>
  configured ?? ctx.services.mergeMethods.get(repositoryKey(ctx)) ?? "squash";

/**
 * After a refusal: the method GitHub accepts on the base, read from the repository's settings and
 * the base's rules. `undefined`: the method tried is allowed (the refusal is another rule's).
 */
async function methodAfterRefusal(
  ctx: ConfiguredContext,
  base: string,
  configured: MergeMethod | undefined,
  tried: MergeMethod,
): Promise<
  | { kind: "allowed" | "retry"; method: MergeMethod; rules: BranchRule[] | undefined }
  | { kind: "method_refused"; reason: string }
> {
  const [settings, rules] = await Promise.all([ctx.github.mergeSettings(), ctx.github.branchRules(base)]);
  const facts = { base, settings, rules };
  const forbidden = forbiddenMergeMethods(facts);
  const why = forbidden.get(tried);
  if (why === undefined) {
    if (configured === undefined) ctx.services.mergeMethods.set(repositoryKey(ctx), tried);
    return { kind: "allowed", method: tried, rules };
  }
  // a method an owner chose is theirs: never merged another way
  if (configured !== undefined) return { kind: "method_refused", reason: configuredMethodRefusal(configured, why) };
  const next = allowedMergeMethods(facts)[0];
  if (next === undefined) {
    ctx.services.mergeMethods.forget(repositoryKey(ctx));
    return { kind: "method_refused", reason: noMergeMethodRefusal(base) };
  }
  ctx.services.mergeMethods.set(repositoryKey(ctx), next);
  return { kind: "retry", method: next, rules };
}

/**
 * `attemptMerge` with the method the repository allows, the happy path unchanged: one PUT with the
 * configured method, else the one this repository accepted before, else squash. Only when GitHub
 * refuses it (405, not a conflict, a draft, a moved head, a merge queue or a base the app may not
 * push to) does it read more:
 * - the repository's merge settings and the base's rules. An unset `merge.method` is retried once
 *   with the first method they allow (remembered for the repository); a configured one they do not
 *   allow, or no method at all, is `method_refused`: an owner decides, nothing merges another way;
 * - then the PR's review threads (see `resolveOwnThreads`): the app's own are resolved and the PUT
 *   retried once; the threads left, when the base requires them resolved, ride on the refusal.
 */
export async function mergeAllowedWay(
  ctx: ConfiguredContext,
  pull: { number: number; baseRef: string },
  configured: MergeMethod | undefined,
  sha: string,
): Promise<AllowedMergeAttempt> {
  let method = firstMethod(ctx, configured);
  let attempt: AllowedMergeAttempt = await attemptMerge(ctx, pull.number, method, sha);
  if (attempt.kind !== "refused") return attempt;
  // no method or thread changes who may push to the base: nothing more to read
  if (refusedForPushAccess(attempt.message)) return attempt;
  const allowed = await methodAfterRefusal(ctx, pull.baseRef, configured, method);
  if (allowed.kind === "method_refused") return allowed;
  if (allowed.kind === "retry") {
    ctx.log.info(
      { pr: pull.number, refused: method, method: allowed.method },
      "merge: retrying with an allowed method",
    );
    method = allowed.method;
    attempt = await attemptMerge(ctx, pull.number, method, sha);
    if (attempt.kind !== "refused") return attempt;
  }
  // a PR without a line comment has no review thread to resolve or list: nothing more to read
  if (attempt.reviewComments === 0) return attempt;
  const threads = await resolveOwnThreads(ctx, pull, allowed.rules);
  if (threads.resolved === 0) return threads.open === undefined ? attempt : { ...attempt, threads: threads.open };
  const again = await attemptMerge(ctx, pull.number, method, sha);
  if (again.kind !== "refused" || threads.open === undefined) return again;
  return { ...again, threads: threads.open };
}
