import { dequeueReasonText, mergeQueueStanding, recordRemoved, type QueueEntry } from "../../core/queue/index.js";
import { noteDashboardChange } from "../scheduling/dashboard-refresher.js";
import { commitQueueChange } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";
import type { PullRead } from "./read-pull.js";

/**
 * What an evaluation does with a head Autopilot put in the merge queue:
 * - `in_queue`: still queued: nothing to do but wait for GitHub's merge;
 * - `changed`: the PR changed while it was read (merged, closed, a new head): decide again;
 * - `removed`: the head left the queue unmerged (`fresh`: this evaluation found it so and recorded it);
 * - `judge`: no queued head to hold: the head is judged as any.
 */
export type QueuedHead =
  | { kind: "in_queue"; position: number; state: string }
  | { kind: "changed" }
  | { kind: "removed"; fresh: boolean; reason: string | null }
  | { kind: "judge" };

/** The sticky note when a person took the judged head out of the merge queue: Autopilot leaves it out. */
export const removedByPersonText = (taskId: string, base: string, head: string): string =>
  [
    `Autopilot will not add ${taskId} to the merge queue of \`${base}\` again at head ${head.slice(0, 7)}: it left the queue unmerged (a person removed it).`,
    "",
    "Add it to the queue yourself when it should merge; a new push is judged again and queued once green.",
  ].join("\n");

/**
 * Whether the head Autopilot recorded enqueuing is still in the merge queue, read from GitHub (the
 * PR's queue entry, then the PR itself): never from a webhook's payload. A head found out of the
 * queue, unmerged and still the PR's head is recorded as removed (once), so Autopilot never
 * enqueues it again by itself. `hint` is the dequeue reason a `pull_request.dequeued` payload gave:
 * anyone who can send a webhook could forge it, so it only words what is recorded and said, it
 * decides nothing about the merge.
 */
export async function holdQueuedHead(
  ctx: ConfiguredContext,
  entry: QueueEntry,
  pull: PullRead,
  login: string,
  hint: string | undefined,
): Promise<QueuedHead> {
  const standing = mergeQueueStanding(entry, pull.headSha);
  if (standing === "none") return { kind: "judge" };
  if (standing === "removed")
    return { kind: "removed", fresh: false, reason: entry.merge_queue?.removed?.reason ?? null };
  const queued = await ctx.github.mergeQueueEntry(pull.number);
  // GitHub takes a PR out of its queue when its head moves: queued now is queued at the head just read
  // (`headOid` may name the merge group's commit, not the PR's head, so it is not compared)
  if (queued) return { kind: "in_queue", position: queued.position, state: queued.state };
  // out of the queue: merged meanwhile (the queue's own merge), or taken out
  const now = await ctx.github.getPull(pull.number);
  if (now.merged || now.state !== "open" || now.head.sha !== pull.headSha) return { kind: "changed" };
  const reason = hint === undefined ? null : hint.slice(0, 100);
  await commitQueueChange(ctx, ctx.config, {
    taskId: entry.id,
    note: `#${pull.number} left the merge queue unmerged`,
    apply: (doc) =>
      recordRemoved(doc, {
        taskId: entry.id,
        head: pull.headSha,
        reason,
        actor: login,
        at: ctx.services.now().toISOString(),
      }),
  });
  ctx.log.info(
    { task: entry.id, pr: pull.number, head: pull.headSha, hint: reason },
    "merge: left the merge queue unmerged",
  );
  return { kind: "removed", fresh: true, reason };
}

/** Says on the PR that a person's removal from the queue is respected. */
export async function respectRemoval(ctx: ConfiguredContext, entry: QueueEntry, pull: PullRead): Promise<void> {
  const said = await ctx.github.upsertSticky({
    issueNumber: pull.number,
    key: "merge-decision",
    body: removedByPersonText(entry.id, pull.baseRef, pull.headSha),
  });
  if (said.created || said.updated) noteDashboardChange(ctx);
}

/** The owner question's words for a head that left the merge queue unmerged. */
export const removalReason = (base: string, reason: string | null): string =>
  `it left the merge queue of ${base} unmerged: ${dequeueReasonText(reason)}`;
