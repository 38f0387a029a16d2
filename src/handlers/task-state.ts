import type { Config } from "../config/index.js";
import {
  getEntry,
  listEntries,
  parseQueue,
  type QueueDocument,
  type QueueEntry,
  type QueueStatus,
} from "../core/queue/index.js";
import type { LeadMutations, MirroredLabels } from "../github/index.js";
import type { RepoContext } from "./repo-context.js";
import { readStateFile } from "./state-branch.js";

/** `ops/queue.jsonl` as it is on the state branch now ("" when there is none yet). */
export async function readQueueText(
  ctx: RepoContext,
  config: Pick<Config, "queue_file" | "state_branch">,
): Promise<string> {
  return (await readStateFile(ctx, config, config.queue_file)) ?? "";
}

export async function readQueue(
  ctx: RepoContext,
  config: Pick<Config, "queue_file" | "state_branch">,
): Promise<QueueDocument> {
  return parseQueue(await readQueueText(ctx, config)).doc;
}

/** The task of an issue or of a pull request, as the queue records it. */
export function findTask(doc: QueueDocument, thread: { issue: number } | { pr: number }): QueueEntry | undefined {
  if ("issue" in thread)
    return getEntry(doc, `T-${thread.issue}`) ?? listEntries(doc).find((entry) => entry.issue === thread.issue);
  return listEntries(doc).find((entry) => entry.pr === thread.pr);
}

/**
 * The task's status (and risk) mirrored as labels on its issue and its PR, in one request. Labels
 * already known (from a webhook payload, or read with the PR) are passed in by number: then only
 * what differs changes. The others are not read: the other state labels are asked off whatever
 * the item carries (see `mirrorStateLabels`). A payload's labels may be stale by the time the job
 * runs; that only makes the mirror skip a change already made or redo one, never remove the new
 * state's label. Resolves with what changed on each item.
 */
export async function mirrorStatus(
  ctx: RepoContext,
  config: Pick<Config, "labels">,
  /** `issueGone`: the issue left the repository (transferred, deleted): only the PR is labelled */
  entry: Pick<QueueEntry, "issue" | "pr" | "risk"> & { issueGone?: boolean },
  status: QueueStatus,
  known: ReadonlyMap<number, readonly string[]> = new Map(),
  /** a mutation sent first in the labels' request (a state commit's: `CommitWithCasOptions.carry`) */
  carried?: LeadMutations,
): Promise<MirroredLabels[]> {
  const targets = [
    ...(entry.issueGone === true ? [] : [{ number: entry.issue, kind: "issue" as const }]),
    ...(entry.pr === null ? [] : [{ number: entry.pr, kind: "pull" as const }]),
  ].map((target) => {
    const currentLabels = known.get(target.number);
    return currentLabels === undefined ? target : { ...target, currentLabels };
  });
  const mirror = { targets, status, risk: entry.risk, labels: config.labels };
  return carried === undefined ? ctx.github.mirrorStateLabels(mirror) : ctx.github.mirrorStateLabels(mirror, carried);
}
