import {
  decisionsPath,
  parseDecisions,
  serializeDecisions,
  type DecisionsDocument,
} from "../../core/commands/index.js";
import type { DecisionKind } from "../../core/commands/index.js";
import type { QueueDocument, QueueEntry, TransitionResult } from "../../core/queue/index.js";
import { getEntry, parseQueue, serializeQueue } from "../../core/queue/index.js";
import { QueueRefusedError } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";
import { commitState, readStateFile } from "../state-branch.js";

/** `ops/decisions.jsonl` as it is on the state branch now (empty when there is none yet). */
export async function readDecisions(ctx: ConfiguredContext): Promise<DecisionsDocument> {
  const text = await readStateFile(ctx, ctx.config, decisionsPath);
  return parseDecisions(text ?? "").doc;
}

/** The sticky comment that shows a task's questions of one kind in its thread. */
export const questionsCommentKey = (kind: DecisionKind): string =>
  kind === "spec" ? "owner-questions" : `owner-questions-${kind}`;

export interface DecisionsChange {
  taskId: string;
  /** applied to the decisions as they are at each attempt; null: nothing to write */
  decisions: (doc: DecisionsDocument) => DecisionsDocument | null;
  /** a queue move committed with it (one commit for both files) */
  queue?: (doc: QueueDocument) => TransitionResult;
  /** the commit subject after `autopilot: T-<n> ` */
  says: string;
}

/**
 * One compare-and-swap commit to the state branch for `ops/decisions.jsonl` and, when given,
 * `ops/queue.jsonl`: re-read and re-applied when another writer got there first. A queue move
 * the queue refuses throws `QueueRefusedError` and nothing is written. Resolves with the task's
 * entry after the move (when there was one) and whether anything was committed.
 */
export async function commitDecisions(
  ctx: ConfiguredContext,
  change: DecisionsChange,
): Promise<{ entry?: QueueEntry; committed: boolean }> {
  let entry: QueueEntry | undefined;
  let message = "";
  const result = await commitState(ctx, ctx.config, {
    message: () => message,
    update: async (read) => {
      const files: Record<string, string> = {};
      let move = "";
      if (change.queue) {
        const { doc } = parseQueue((await read(ctx.config.queue_file)) ?? "");
        const before = getEntry(doc, change.taskId)?.status ?? "(new)";
        const moved = change.queue(doc);
        if (!moved.ok) throw new QueueRefusedError(moved.reason);
        entry = moved.entry;
        if (moved.changed) {
          files[ctx.config.queue_file] = serializeQueue(moved.doc);
          move = before === moved.entry.status ? `${moved.entry.status}: ` : `${before} → ${moved.entry.status}: `;
        }
      }
      const decisions = change.decisions(parseDecisions((await read(decisionsPath)) ?? "").doc);
      if (decisions !== null) files[decisionsPath] = serializeDecisions(decisions);
      message = `autopilot: ${change.taskId} ${move}${change.says}\n\nTask: ${change.taskId}\n`;
      return Object.keys(files).length === 0 ? null : files;
    },
  });
  return { ...(entry ? { entry } : {}), committed: result.sha !== undefined };
}
