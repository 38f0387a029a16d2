import { disarmInline } from "../../core/markdown/index.js";
import type { QueueEntry } from "../../core/queue/index.js";
import { recordRevertPull, revertPullText, rollbackIssueText } from "../../core/rollback/index.js";
import { commitQueueChange } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";
import { mirrorStatus } from "../task-state.js";

/** The revert pull request, or why GitHub would not open it (a conflict with later work, a permission). */
async function openRevert(
  ctx: ConfiguredContext,
  nodeId: string,
  text: { title: string; body: string },
): Promise<{ number: number } | { error: string }> {
  try {
    return await ctx.github.revertPull(nodeId, text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.log.warn({ error: message }, "rollback: GitHub did not open the revert");
    return { error: message };
  }
}

/** After the rollback is recorded (by this writer only): the revert opened, its number recorded, the issue reopened and told. */
export async function carryOutRollback(ctx: ConfiguredContext, entry: QueueEntry, nodeId: string): Promise<void> {
  const { github, config } = ctx;
  const record = entry.rollback!;
  const revert = await openRevert(ctx, nodeId, revertPullText(entry.id, record));
  const login = await ctx.services.login();
  if ("number" in revert)
    await commitQueueChange(ctx, config, {
      taskId: entry.id,
      note: `revert #${revert.number}`,
      apply: (doc) => recordRevertPull(doc, entry.id, revert.number, login),
    });
  const done = { ...record, revert_pr: "number" in revert ? revert.number : null };
  const why = "error" in revert ? ` GitHub answered: ${disarmInline(revert.error, 300)}` : "";
  await github.updateIssue(entry.issue, { state: "open", state_reason: "reopened" });
  await github.comment(entry.issue, `${rollbackIssueText(entry.id, done)}${why}`);
  const revertText = done.revert_pr === null ? "its revert could not be opened" : `revert: #${done.revert_pr}`;
  await github.comment(
    record.pr,
    `Autopilot is rolling back this merge (${record.merge_sha.slice(0, 7)}): the required check ${record.check} failed on it; ${revertText}.`,
  );
  // the issue mirrors the move; the merged PR keeps its labels (a label on it would start a merge evaluation)
  await mirrorStatus(ctx, config, { ...entry, pr: null }, "blocked");
}
