import type { ApprovalReview, MergeInput } from "../../core/merge/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import { writersAmong } from "./resolve-owners.js";
import { weighDismissals } from "./weigh-dismissals.js";

/** The PR's reviews as `decideMerge` counts them. */
export const approvalReviewsOf = (
  reviews: ReadonlyArray<{
    user?: { login: string } | null;
    state: string;
    commit_id?: string | null;
    submitted_at?: string | null;
  }>,
): ApprovalReview[] =>
  reviews.map((item) => ({
    user: item.user?.login ?? "",
    state: item.state as ApprovalReview["state"],
    commitId: item.commit_id ?? "",
    submittedAt: item.submitted_at ?? null,
  }));

/**
 * Under a cell that asks for no approval, the PR's reviews are read once everything else would
 * merge: an owner's request for changes holds the merge there too. When one asks for changes, the
 * change's own accounts (`agentWithCommits`, read only then) and who counts as an owner (the
 * configured `owners`, or reviewers with write access when none is listed) are worked out, as the
 * approvals are under `approval`. A request for changes someone without that standing dismissed
 * still holds (`weighDismissals`).
 */
export async function withObjections(
  ctx: ConfiguredContext,
  pull: { number: number },
  input: MergeInput,
  agentWithCommits: () => Promise<string[]>,
): Promise<MergeInput> {
  const { reviews, overruled } = await weighDismissals(
    ctx,
    pull,
    await ctx.github.listReviews(pull.number),
    agentWithCommits,
  );
  const approvals = approvalReviewsOf(reviews);
  const objectors = [
    ...new Set(approvals.filter((item) => item.state === "CHANGES_REQUESTED").map((item) => item.user)),
  ];
  if (objectors.length === 0) return { ...input, approvals };
  // a listed owner's objection holds whatever their access: holding a merge is the safe side
  const listed = ctx.config.owners;
  const owners = listed.length > 0 ? [...listed] : await writersAmong(ctx, objectors);
  return {
    ...input,
    approvals,
    owners,
    agent: await agentWithCommits(),
    ...(overruled.length > 0 ? { overruledDismissals: overruled } : {}),
  };
}
