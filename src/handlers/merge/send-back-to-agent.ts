import { renderRejectionNotice } from "../../core/merge/index.js";
import type { AssistantManagerFindings, CompleteReview } from "../../core/review/index.js";
import { convertToDraft } from "../convert-to-draft.js";
import { noticeAgentOnce } from "../dispatch/notice-agent.js";
import { moveTask } from "../move-task.js";
import type { ConfiguredContext } from "../repo-context.js";
import { findTask, readQueue } from "../task-state.js";

export type SendBack = { sent: true; redispatch: string } | { sent: false; reason: string };

/** The notice's key: one per rejected head, so a redelivery or a second review of that head posts and dispatches nothing. */
export const rejectionKey = (headSha: string): string => `rejected-${headSha}`;

/**
 * A rejected review sends the task back to its agent:
 * 1. the PR goes back to draft (GraphQL `convertPullRequestToDraft`), as a person does with work
 *    that is not ready: GitHub shows it as not ready, and the agent marks it ready again when done
 *    (which also keeps the merge handler from moving the task straight back to `review`);
 * 2. the task moves `review → in_progress` (one queue commit) and the labels follow;
 * 3. a new PR comment addressed to the agent lists what to fix (mentioning it when it is
 *    dispatched by mention: that comment is its dispatch; a new comment, since GitHub notifies
 *    on new mentions, not on edits);
 * 4. a `workflow_dispatch` agent is started again with the same inputs as at first dispatch.
 * Steps 3 and 4 happen once per head SHA: the notice is the record, posted before the dispatch,
 * so a crash between them loses a dispatch rather than doubling it.
 */
export async function sendBackToAgent(
  ctx: ConfiguredContext,
  reviewed: { number: number; headSha: string },
  outcome: CompleteReview,
  findings: AssistantManagerFindings | undefined,
): Promise<SendBack> {
  const { github, config } = ctx;
  const entry = findTask(await readQueue(ctx, config), { pr: reviewed.number });
  if (!entry || (entry.status !== "review" && entry.status !== "in_progress"))
    return { sent: false, reason: entry ? `task is ${entry.status}` : "not a task PR" };

  const pull = await github.getPull(reviewed.number);
  if (pull.state !== "open") return { sent: false, reason: "the pull request is closed" };
  await convertToDraft(ctx, pull);
  if (entry.status === "review") {
    await moveTask(ctx, entry, {
      to: "in_progress",
      actor: "autopilot/review",
      reason: `the review ${outcome.decision === "partial" ? "found only part done in" : "rejected"} #${reviewed.number} at ${reviewed.headSha.slice(0, 7)}`,
    });
  }

  const redispatch = await noticeAgentOnce(ctx, {
    entry,
    pr: reviewed.number,
    key: rejectionKey(reviewed.headSha),
    render: (address) =>
      renderRejectionNotice({
        taskId: entry.id,
        headSha: reviewed.headSha,
        outcome,
        ...(findings ? { findings } : {}),
        ...address,
      }),
  });
  if (redispatch === undefined)
    return { sent: false, reason: `the agent was already sent back for ${reviewed.headSha.slice(0, 7)}` };
  ctx.log.info(
    { task: entry.id, pr: reviewed.number, head: reviewed.headSha, redispatch },
    `review ${outcome.decision}: task sent back to the agent`,
  );
  return { sent: true, redispatch };
}
