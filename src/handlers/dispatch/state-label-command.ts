import { canTransition, getEntry, type QueueStatus } from "../../core/queue/index.js";
import { taskIdFor } from "../../core/task/index.js";
import { statusForStateLabel } from "../../github/index.js";
import { moveTask } from "../move-task.js";
import { QueueRefusedError } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";
import { readQueue } from "../task-state.js";
import { senderAuthority } from "../authority.js";

export interface StateLabelEvent {
  /** the task's issue */
  issueNumber: number;
  /** the task's pull request, when the label was put there */
  pullNumber?: number;
  /** the state label a person added */
  label: string;
  /** the person */
  sender: string;
  /** the sender's account type (`Bot` for apps) */
  senderType?: string;
  /** the labels of what was labelled (issue or pull request), after the change */
  labels: string[];
}

/** Why a move by label is refused before the queue is asked. */
function refusalOf(from: QueueStatus | undefined, to: QueueStatus): string | undefined {
  if (from === undefined) return "it is not an Autopilot task (label it `autopilot` to start one)";
  if (to === "done") return "`done` is recorded by the merge of the task's pull request, not by a label";
  const verdict = canTransition(from, to);
  return verdict.ok ? undefined : verdict.reason;
}

/**
 * A person putting a state label on a task's issue is asking to move the task: an allowed move
 * (from someone with authority, see `authorityOf`) is made in the queue (and the old state label
 * removed); a refused one is undone (the label put back as it was) with a comment saying why.
 * The queue decides, labels only mirror it.
 */
export async function applyStateLabel(ctx: ConfiguredContext, event: StateLabelEvent): Promise<void> {
  const { github, config } = ctx;
  const to = statusForStateLabel(event.label, config.labels);
  if (!to) return;
  const taskId = taskIdFor(event.issueNumber);
  const entry = getEntry(await readQueue(ctx, config), taskId);
  const labelled = event.pullNumber ?? event.issueNumber;
  if (entry?.status === to) return;

  // a label is a move like a command: the same authority, or the label is put back
  const authority = await senderAuthority(ctx, config, { login: event.sender, type: event.senderType });
  let refusal = authority.allowed ? refusalOf(entry?.status, to) : `only ${authority.who} can move a task`;
  if (refusal === undefined && entry) {
    try {
      // both the issue and the PR mirror the move; the labelled one's labels came with the event
      await moveTask(ctx, entry, {
        to,
        actor: event.sender,
        reason: `state label set by @${event.sender}`,
        knownLabels: new Map([[labelled, event.labels]]),
      });
      ctx.log.info({ task: taskId, from: entry.status, to, by: event.sender }, "task moved by a state label");
      return;
    } catch (error) {
      if (!(error instanceof QueueRefusedError)) throw error;
      refusal = error.message;
    }
  }
  if (entry)
    await github.mirrorStateLabels({
      targets: [
        { number: labelled, kind: event.pullNumber === undefined ? "issue" : "pull", currentLabels: event.labels },
      ],
      status: entry.status,
      labels: config.labels,
    });
  else await github.removeLabel(labelled, event.label).catch(() => undefined);
  const current = entry ? `it stays \`${entry.status}\` and the label was put back` : "the label was removed";
  await github.upsertSticky({
    issueNumber: labelled,
    key: "state-label",
    body: `@${event.sender}, ${taskId} cannot move to \`${to}\` by label: ${refusal}. ${current[0]?.toUpperCase()}${current.slice(1)}.`,
  });
}
