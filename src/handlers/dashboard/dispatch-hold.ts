import type { Health } from "../../core/progress/index.js";
import type { QueueDocument, QueueEntry } from "../../core/queue/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import { findTask, readQueue } from "../task-state.js";
import { gatherHealth } from "./gather-health.js";
import { noteDashboardChange } from "../scheduling/dashboard-refresher.js";

/**
 * Why no new task may start in this repository now, or undefined when tasks may start: the
 * owner paused Autopilot, or the health is red (reviews erroring in a row, CI failing on the
 * default branch), where new work would only pile up on a broken base.
 */
export async function dispatchHold(ctx: ConfiguredContext, health?: Health): Promise<string | undefined> {
  if (ctx.config.paused) return "Autopilot is paused on this repository (an owner's `/resume` continues)";
  const current = health ?? (await gatherHealth(ctx, await readQueue(ctx, ctx.config)));
  return current.level === "red" ? `health is red: ${current.reasons.join("; ")}` : undefined;
}

/** A hold stops tasks from starting; tasks already running (or done) carry on. */
export const startsNewWork = (entry: Pick<QueueEntry, "status"> | undefined): boolean =>
  entry === undefined || entry.status === "queued" || entry.status === "blocked" || entry.status === "needs_owner";

const holdComment = (reason: string): string =>
  [
    `Autopilot has not dispatched this issue: ${reason}.`,
    "",
    "It is dispatched once this clears: on the next change to this issue, or by the next sweep (every few minutes). The dashboard issue shows the health.",
  ].join("\n");

/**
 * For an issue whose task would start now (dispatch planned a start, the queue has it not yet
 * running): the reason it may not, with a comment on the issue saying why (once, edited in
 * place) and a dashboard refresh; undefined when it may start. Tasks already running carry on.
 * The health is gathered only here, so issue events that start nothing cost no health reads.
 */
export async function holdNewTask(
  ctx: ConfiguredContext,
  issueNumber: number,
  queue: QueueDocument,
  login: string,
  health?: Health,
): Promise<string | undefined> {
  if (!startsNewWork(findTask(queue, { issue: issueNumber }))) return undefined;
  const reason = await dispatchHold(ctx, health ?? (await gatherHealth(ctx, queue)));
  if (reason === undefined) return undefined;
  ctx.log.info({ issue: issueNumber, reason }, "dispatch held: nothing dispatched");
  await ctx.github.upsertSticky({ issueNumber, key: "dispatch-hold", author: login, body: holdComment(reason) });
  noteDashboardChange(ctx);
  return reason;
}
