import { parseReviewComment, reviewRecordBlock } from "../../core/review/index.js";
import { reviewCheckName } from "../../core/check-names.js";
import type { Conclusion } from "../../core/gate-result.js";
import type { StickyComment } from "../../github/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import { rideDashboard } from "../dashboard/ride-dashboard.js";
import type { ReviewedPull } from "./reviewed-pull.js";

/** A review check run with no comment behind it (no keys, the task's reviews spent). */
export function publishReviewCheck(
  ctx: ConfiguredContext,
  headSha: string,
  conclusion: Conclusion,
  title: string,
  summary: string,
  text?: string,
): Promise<number> {
  const details = text === undefined ? {} : { text };
  return ctx.github.publishCheck(headSha, {
    name: reviewCheckName,
    conclusion,
    title,
    summary,
    ...details,
    annotations: [],
  });
}

/**
 * The sticky review comment and the review check run. In one GraphQL request when the node ids
 * are known: the check run's summary then links the comment when it exists already, the PR's
 * conversation when the same request creates it (its address is known only from the answer). A
 * refusal of either write fails the job (`ReviewPublishError`): its retry edits the comment it
 * finds rather than adding one, and reviews again while the head has no review run of the app's
 * made for this review (`reviewRunKey`). Without the node ids (a port that has none) the two go
 * through REST, the run without its key: the head is then reviewed again when next asked.
 *
 * The dashboard's edit rides in that request (`rideDashboard`), rendered with this review's record
 * for the PR (its comment is not read for it): the debounced refresh the move to review scheduled
 * is then not needed.
 */
export async function publishReviewResult(
  ctx: ConfiguredContext,
  pull: ReviewedPull,
  sticky: { target: { issueNumber: number; key: string }; body: string; known: StickyComment | null },
  check: { externalId: string; conclusion: Conclusion; title: string; summary: (link: string) => string },
  login: string,
): Promise<void> {
  const { github } = ctx;
  const { target, body, known } = sticky;
  const { nodeId, repositoryId, url } = pull;
  // the run keeps a copy of the record: the merge acts on it when the comment, which any writer
  // may edit or delete, no longer holds the record of the merged head (\`reviewOfMergedHead\`)
  const text = reviewRecordBlock(body);
  // an existing comment is edited by its node id (REST lists it with the comment)
  const editable = known === null || known.nodeId !== undefined;
  if (nodeId !== undefined && repositoryId !== undefined && url !== undefined && editable) {
    const status = parseReviewComment(body)?.status;
    const now = ctx.services.now();
    const dashboard = await rideDashboard(ctx, {
      login,
      now,
      // published now: the latest of the reviews the dashboard weighs, whatever the clocks say
      ...(status === undefined ? {} : { reviews: new Map([[pull.number, { status, at: Number.POSITIVE_INFINITY }]]) }),
      // its conversation had no comment when read (so no merge decision waits on it): not read for one
      ...(pull.comments === 0 ? { noApprovalWait: new Set([pull.number]) } : {}),
    });
    await github.publishReview({
      ...(dashboard === undefined ? {} : { carried: dashboard }),
      repositoryId,
      pullNodeId: nodeId,
      sticky: { ...target, body, known },
      headSha: pull.headSha,
      externalId: check.externalId,
      check: {
        name: reviewCheckName,
        conclusion: check.conclusion,
        title: check.title,
        summary: check.summary(known?.url ?? url),
        ...(text === undefined ? {} : { text }),
        annotations: [],
      },
    });
    return;
  }
  const comment = await github.upsertSticky({ ...target, body, known });
  await publishReviewCheck(ctx, pull.headSha, check.conclusion, check.title, check.summary(comment.url), text);
}
