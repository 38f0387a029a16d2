import { createHash } from "node:crypto";
import { reviewCheckName } from "../../core/check-names.js";
import { isOwnRun } from "../../core/own-check-run.js";
import { parseReviewComment, type ReviewRecord } from "../../core/review/index.js";
import type { ConfiguredContext } from "../repo-context.js";

/**
 * What a review run was made for, kept as its `external_id` (only the app that created a run can
 * change it): the review configuration, the owners' decisions and the change reviewed (`-` when
 * it has no fingerprint). A prefix with an empty change matches any change.
 */
export function reviewRunKey(configHash: string, ownerHash: string, fingerprint: string | undefined): string {
  return `review:${configHash}:${ownerHash}:${fingerprint ?? "-"}`;
}

/** The app's latest `autopilot/review` run on `headSha`, from the list `readHeadChecks` reads. */
export async function ownReviewRun(ctx: ConfiguredContext, headSha: string, appSlug: string) {
  const runs = await ctx.github.listCheckRuns(headSha);
  return runs.find((run) => run.name === reviewCheckName && isOwnRun(run, appSlug));
}

/** Whether the app's own run on the record's head shows the record's verdict, for `key`'s review. */
export async function carriedRunStands(
  ctx: ConfiguredContext,
  record: { head_sha: string; conclusion: string },
  key: string,
  appSlug: string,
): Promise<boolean> {
  const run = await ownReviewRun(ctx, record.head_sha, appSlug);
  const stands = run?.external_id === key && run.conclusion === record.conclusion;
  if (!stands) ctx.log.warn({ head: record.head_sha }, "review: the recorded review's own run does not match it");
  return stands;
}

/** What the owners decided about the review (waived criteria, dismissed findings), as a short hash. */
export function ownerDecisionsHash(
  waived: readonly number[],
  dismissals: ReadonlyArray<{ fingerprint: string; change: string | null }>,
): string {
  const key = JSON.stringify({
    waived: [...waived].sort((a, b) => a - b),
    dismissed: dismissals.map((item) => `${item.fingerprint}:${item.change ?? ""}`).sort(),
  });
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

/**
 * The review record the app's latest review run on \`headSha\` keeps in its text (a copy of the one
 * in the review comment, which only the app can write), when it is that head's: undefined for a
 * run with none (a "No review" run, a run written before runs kept one, a record too long for it).
 */
export async function recordOfReviewRun(
  ctx: ConfiguredContext,
  headSha: string,
  appSlug: string,
): Promise<ReviewRecord | undefined> {
  const run = await ownReviewRun(ctx, headSha, appSlug);
  const kept = run?.output.text ? parseReviewComment(run.output.text) : undefined;
  return kept?.head_sha === headSha ? kept : undefined;
}
