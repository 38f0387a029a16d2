import type { BranchRule } from "../../core/doctor/index.js";
import { openThreadOf, rulesRequireResolution, unresolvedThreads } from "../../core/merge/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import type { OpenThreads } from "./explain-blocked-merge.js";

/**
 * Whether the base requires review conversations resolved before a merge: a ruleset's
 * `pull_request` rule (`required_review_thread_resolution`) or classic protection's
 * `required_conversation_resolution`. Classic protection is readable only with
 * `administration: read`: without it the answer is `possible`.
 */
async function conversationRequirement(
  ctx: ConfiguredContext,
  base: string,
  rules: readonly BranchRule[] | undefined,
): Promise<OpenThreads["requirement"] | "none"> {
  if (rulesRequireResolution(rules)) return "required";
  const protection = await ctx.github.branchProtection(base);
  if (protection.kind === "rules") return protection.rules.conversationResolution === true ? "required" : "none";
  if (protection.kind === "summary" && !protection.protected) return "none";
  return "possible";
}

/**
 * After GitHub refused a merge the policy decided (gates, review, CI and approvals all passed),
 * the PR's review threads: when some are unresolved and the base requires (or may require) them
 * resolved, the app resolves those wholly its own (its line reviews' notes, every comment by its
 * bot account), in one request; a thread anyone else wrote in, a person's reply included, is left
 * to a person. `resolved`: how many it resolved (the caller retries the merge once); `open`: the
 * threads still unresolved, for the PR's merge-decision comment.
 */
export async function resolveOwnThreads(
  ctx: ConfiguredContext,
  pull: { number: number; baseRef: string },
  rules: readonly BranchRule[] | undefined,
): Promise<{ resolved: number; open?: OpenThreads }> {
  // the app's own bot login (not whoever set this evaluation off: an owner answering a question)
  const appLogin = await ctx.services.login();
  const { own, others } = unresolvedThreads(await ctx.github.reviewThreads(pull.number), appLogin);
  if (own.length === 0 && others.length === 0) return { resolved: 0 };
  const requirement = await conversationRequirement(ctx, pull.baseRef, rules);
  if (requirement === "none") return { resolved: 0 };
  const resolved = new Set(own.length > 0 ? await ctx.github.resolveReviewThreads(own.map((thread) => thread.id)) : []);
  const left = [...others, ...own.filter((thread) => !resolved.has(thread.id))];
  ctx.log.info(
    { pr: pull.number, resolved: resolved.size, unresolved: left.length, requirement },
    "merge: review threads after a refusal",
  );
  return {
    resolved: resolved.size,
    ...(left.length === 0 ? {} : { open: { threads: left.map(openThreadOf), requirement } }),
  };
}
