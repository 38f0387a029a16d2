import { randomBytes } from "node:crypto";
import type { Config } from "../config/index.js";
import type { QueueDocument, QueueEntry, TransitionResult } from "../core/queue/index.js";
import { getEntry, parseQueue, serializeQueue } from "../core/queue/index.js";
import { noteTask } from "../work/job-scope.js";
import { noteDashboardChange } from "./scheduling/dashboard-refresher.js";
import type { CarriedMutation } from "../github/index.js";
import type { RepoContext } from "./repo-context.js";
import { commitState } from "./state-branch.js";

/** The queue refused a move (not allowed from the task's status, or an unknown task). */
export class QueueRefusedError extends Error {
  override readonly name = "QueueRefusedError";
}

export interface QueueChange {
  taskId: string;
  /** Applied to the queue as it is on the state branch at each attempt. */
  apply: (doc: QueueDocument) => TransitionResult;
  /** What the commit says beyond the move, e.g. "pr #12". */
  note?: string;
  /**
   * The commit claims a side effect (the agent's start): it carries a trailer unique to this
   * writer, so two writers' identical changes are never one and the same commit (GitHub would take
   * the second's ref update as a no-op success, and both would believe they won).
   */
  claim?: boolean;
  /**
   * Sends the commit's first attempt inside another request (`CommitWithCasOptions.carry`); told
   * the queue's text that attempt writes, and `cover`: call it when that request also wrote the
   * dashboard from that text (`rideDashboard`), so no refresh is scheduled for this change as long
   * as the text is the one that landed.
   */
  carry?: (mutation: CarriedMutation, queue: CarriedQueue) => Promise<void>;
}

/** The queue a carried commit's attempt writes, as its carrier is told it. */
export interface CarriedQueue {
  text: string;
  /** the carrier's request wrote the dashboard from `text` */
  cover: () => void;
}

function commitMessage(
  taskId: string,
  before: QueueEntry | undefined,
  after: QueueEntry,
  note: string | undefined,
  claim: string | undefined,
): string {
  const from = before?.status ?? "(new)";
  const move = before?.status === after.status ? after.status : `${from} → ${after.status}`;
  const subject = `autopilot: ${taskId} ${move}${note ? `: ${note}` : ""}`;
  return `${subject}\n\nTask: ${taskId}\n${claim ? `Claim: ${claim}\n` : ""}`;
}

/** A trailer value unique to one writer's claim commit. */
export const claimId = (): string => randomBytes(6).toString("hex");

/**
 * One queue change as one commit to `ops/queue.jsonl` on the state branch, compare-and-swap:
 * re-read and re-applied when another writer got there first, never forced. Resolves with the
 * task's entry as committed (or as it already was, when the change was a no-op: a redelivery).
 */
export async function commitQueueChange(
  ctx: RepoContext,
  config: Pick<Config, "queue_file" | "state_branch">,
  change: QueueChange,
): Promise<{ entry: QueueEntry; changed: boolean }> {
  // from here on the job's log lines name the task (see src/work/job-scope.ts)
  noteTask(change.taskId);
  let outcome: { entry: QueueEntry; changed: boolean } | undefined;
  let from: QueueEntry["status"] | undefined;
  let message = "";
  const claim = change.claim === true ? claimId() : undefined;
  /** the queue's text as the last attempt wrote it, and as the carried attempt's request showed it on the dashboard */
  let written: string | undefined;
  let shown: string | undefined;
  const { carry } = change;
  await commitState(ctx, config, {
    ...(carry === undefined
      ? {}
      : {
          carry: (mutation: CarriedMutation) => {
            const text = written ?? "";
            return carry(mutation, {
              text,
              cover: () => {
                shown = text;
              },
            });
          },
        }),
    message: () => message,
    update: async (read) => {
      const { doc } = parseQueue((await read(config.queue_file)) ?? "");
      const before = getEntry(doc, change.taskId);
      const result = change.apply(doc);
      if (!result.ok) throw new QueueRefusedError(result.reason);
      outcome = { entry: result.entry, changed: result.changed };
      from = before?.status;
      if (!result.changed) return null;
      message = commitMessage(change.taskId, before, result.entry, change.note, claim);
      written = serializeQueue(result.doc);
      return { [config.queue_file]: written };
    },
  });
  if (!outcome) throw new Error(`commitQueueChange: ${change.taskId} was never applied`);
  // counted once committed (metrics: autopilot_queue_transitions_total)
  if (outcome.changed && from !== outcome.entry.status)
    ctx.services.metrics.queueTransition(from ?? "new", outcome.entry.status);
  // the dashboard shows the queue: a debounced refresh (several transitions, one edit), unless the
  // carrier's request wrote it from the very queue that landed (a stale carried attempt was made
  // again on another queue: then the refresh shows what landed)
  if (outcome.changed && shown !== undefined && shown === written) ctx.services.dashboard.cover(ctx);
  else if (outcome.changed) noteDashboardChange(ctx);
  return outcome;
}
